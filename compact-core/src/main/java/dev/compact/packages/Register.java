package dev.compact.packages;

import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import dev.compact.engine.EventText;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sanctions register: every package the record names, folded from the acts on packages and
 * designations in order of occurrence, as the engine folds them (acts at one instant in the order the record
 * holds them), so that an act recorded late takes its place in time. A package has its terms (the latest recorded), a
 * standing per guarantor that acted on it (proposed, adopted, blocked and by whom, eased, lifted,
 * re-imposed) and, per designation, a state for each guarantor that applies it (listed, lifted,
 * re-imposed, with the act): the issuer's is the listing's, and a guarantor that adopted the package
 * applies the listing under its own law, so its lifting delists the designation for itself only, as
 * the engine reads it (an easing of its own). Acts on a package nobody recorded the terms of are kept
 * too: the engine reads them all the same.
 *
 * <p>Not thread-safe; the service folds it under its own lock and hands out the immutable entries.
 */
public final class Register {
  /** The kind of the act that records a package's terms. */
  private static final String TERMS = "sanctions-package-recorded";

  /** Where a guarantor stands on a package, after its latest act on the package as a whole. */
  public enum Status {
    PROPOSED, ADOPTED, BLOCKED, EASED, LIFTED, REIMPOSED;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where a designation stands, after the latest act on it. */
  public enum DesignationState {
    LISTED, LIFTED, REIMPOSED;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One act on a package, as the record holds it: its place in the log, when it took effect, what it
   * was ({@code sanctions-adopted}, {@code designation-lifted}, ...), who did it, and a sentence.
   */
  public record Act(long seq, Instant at, String kind, PartyCode by, Optional<String> designation, List<PartyCode> blockedBy,
      String text) {
    public Act {
      blockedBy = List.copyOf(blockedBy);
    }
  }

  /** A guarantor's standing on a package: its latest act on the whole package. */
  public record Standing(PartyCode party, Status status, Act act) {
    /** Who blocked it, when it is blocked. */
    public List<PartyCode> blockedBy() {
      return status == Status.BLOCKED ? act.blockedBy() : List.of();
    }
  }

  /**
   * Where a designation stands for one guarantor: the issuer (its listing) or a guarantor that adopted the package (it
   * applies the listing under its own law), or one that acted on the designation without either (before the package's
   * terms named an issuer). {@code act} is the guarantor's own latest act on the designation, absent while it stands as
   * listed by the terms or the adoption.
   */
  public record PartyState(PartyCode party, DesignationState state, Optional<Act> act) {}

  /**
   * A designation with its state: {@code listing} is the package's own record of it, absent when only acts name it.
   * {@code state} and {@code act} are the issuer's (the listing's), or, where the issuer has none (no terms name an
   * issuer yet, or only acts name the designation and the issuer never acted on it), the latest act's by anyone; {@code states} gives each guarantor's, the issuer first, then the adopters in the order they adopted.
   */
  public record DesignationStatus(String id, Optional<Designation> listing, DesignationState state, Optional<Act> act,
      List<PartyState> states) {
    public DesignationStatus {
      states = List.copyOf(states);
    }
  }

  /** A package in the register. */
  public record Entry(String id, Optional<PartyCode> issuer, Optional<SanctionsPackage> terms, List<Standing> standings,
      List<DesignationStatus> designations, List<Act> acts) {
    public Entry {
      standings = List.copyOf(standings);
      designations = List.copyOf(designations);
      acts = List.copyOf(acts);
    }

    /** The act that first recorded the package's terms, if one did (acts may name a package before its terms). */
    public Optional<Act> firstTerms() {
      return acts.stream().filter(a -> a.kind().equals(TERMS)).findFirst();
    }

    /** The title if recorded, else the id. */
    public String title() {
      return terms.map(SanctionsPackage::title).orElse(id);
    }

    /**
     * Whether the package applies for a guarantor on {@code date}: it adopted (or re-imposed) it,
     * did not lift it, and the package's in-force date (else its adoption date, else the day of the
     * act) is not after {@code date}. An eased package still applies, in part.
     */
    public boolean inForce(Standing standing, LocalDate date) {
      if (standing.status() != Status.ADOPTED && standing.status() != Status.REIMPOSED && standing.status() != Status.EASED) {
        return false;
      }
      LocalDate from = terms.flatMap(t -> t.inForce().or(t::adopted))
          .orElseGet(() -> LocalDate.ofInstant(standing.act().at(), ZoneOffset.UTC));
      return !from.isAfter(date);
    }

    /**
     * The guarantors for which a designation is in force on {@code date}: those whose own state of it is listed or
     * re-imposed and for which the package applies on that date ({@link #inForce}; the issuer, until it acts on the
     * package as a whole, from the package's in-force date, else its adoption date, else the day its terms were first
     * recorded). A designation one guarantor lifted stays in force for the others that apply it.
     */
    public List<PartyCode> inForceFor(DesignationStatus designation, LocalDate date) {
      List<PartyCode> parties = new ArrayList<>();
      for (PartyState s : designation.states()) {
        if (s.state() != DesignationState.LIFTED && applies(s.party(), date)) {
          parties.add(s.party());
        }
      }
      return parties;
    }

    /**
     * {@link #inForceFor} and {@link #liftedBy} in words, as the dashboard and the CLI print them: "USA, GBR", "GBR
     * (lifted by USA)", "none (lifted by USA)".
     */
    public String inForceForInWords(DesignationStatus designation, LocalDate date) {
      List<String> parties = inForceFor(designation, date).stream().map(PartyCode::value).toList();
      List<String> lifted = liftedBy(designation).stream().map(PartyCode::value).toList();
      return (parties.isEmpty() ? "none" : String.join(", ", parties)) + (lifted.isEmpty() ? "" : " (lifted by " + String.join(", ", lifted) + ")");
    }

    /** The guarantors whose own state of the designation is lifted. */
    public List<PartyCode> liftedBy(DesignationStatus designation) {
      return designation.states().stream().filter(s -> s.state() == DesignationState.LIFTED).map(PartyState::party).toList();
    }

    private boolean applies(PartyCode party, LocalDate date) {
      Optional<Standing> standing = standings.stream().filter(s -> s.party().equals(party)).findFirst();
      if (standing.isPresent()) {
        return inForce(standing.get(), date);
      }
      if (issuer.filter(party::equals).isEmpty() || terms.isEmpty()) {
        return false; // a guarantor that acted on a designation but never adopted the package applies none of it
      }
      LocalDate from = terms.flatMap(t -> t.inForce().or(t::adopted))
          .orElseGet(() -> firstTerms().map(a -> LocalDate.ofInstant(a.at(), ZoneOffset.UTC)).orElse(date));
      return !from.isAfter(date);
    }

    /** The standing in words, on a date: "in force", "adopted, in force from 2026-04-25", "blocked by HUN, SVK", ... */
    public String describe(Standing standing, LocalDate date) {
      return switch (standing.status()) {
        case PROPOSED -> "proposed";
        case BLOCKED -> "blocked by " + String.join(", ", standing.blockedBy().stream().map(PartyCode::value).toList());
        case LIFTED -> "lifted";
        case ADOPTED, REIMPOSED, EASED -> {
          String what = switch (standing.status()) {
            case EASED -> "eased in part";
            case REIMPOSED -> "re-imposed";
            default -> "adopted";
          };
          yield inForce(standing, date) ? what + ", in force"
              : what + ", in force from " + terms.flatMap(t -> t.inForce().or(t::adopted)).map(LocalDate::toString).orElse("?");
        }
      };
    }
  }

  /** One act with the event it came from, kept so that the package can be folded again in order of occurrence. */
  private record Recorded(Act act, Event.SanctionsEvent event) {}

  /**
   * Acts in order of occurrence, as the engine folds them: at one instant, in the order they were recorded (the
   * engine's sort is stable over the log).
   */
  private static final java.util.Comparator<Act> OCCURRENCE = java.util.Comparator.comparing(Act::at).thenComparingLong(Act::seq);

  private static final class Building {
    final String id;
    /** Null until the package's own record arrives (acts may name a package first). */
    @Nullable PartyCode issuer;
    @Nullable SanctionsPackage terms;
    /** Every act on the package, in the order the log holds them. */
    final List<Recorded> log = new ArrayList<>();
    /** The package as of its last act, null when an act arrived since. */
    @Nullable Entry entry;

    Building(String id) {
      this.id = id;
    }
  }

  /** What the acts on a package leave when folded in order of occurrence. */
  private static final class Folded {
    final Map<PartyCode, Standing> standings = new LinkedHashMap<>();
    /** The guarantors that adopted the package, in the order they first did: each applies its designations. */
    final java.util.Set<PartyCode> adopters = new java.util.LinkedHashSet<>();
    /** designation id -> guarantor -> its latest act on the designation, with the state it left. */
    final Map<String, Map<PartyCode, PartyState>> designationStates = new LinkedHashMap<>();
  }

  private final Map<String, Building> packages = new LinkedHashMap<>();
  private Entry @Nullable [] snapshot;

  /**
   * Folds one event; {@code seq} is its place in the log. The terms are the latest recorded; the standings and the
   * designations' states are folded in order of occurrence, as the engine reads the same acts, so that an act recorded
   * late (backdated before one already on the log) takes its place in time instead of overriding the later act.
   */
  public void apply(long seq, Event.SanctionsEvent event) {
    Building p = packages.computeIfAbsent(event.sanctionsPackage(), Building::new);
    Act act = new Act(seq, event.occurredAt(), kind(event), event.by(), designation(event),
        event instanceof Event.SanctionsBlocked b ? b.blockedBy() : List.of(), EventText.describe(event));
    p.log.add(new Recorded(act, event));
    if (event instanceof Event.SanctionsPackageRecorded e) {
      p.issuer = e.by();
      p.terms = e.terms();
    }
    p.entry = null;
    snapshot = null;
  }

  /**
   * The standings and designation states the acts leave, folded in order of occurrence. Folded again whole after a
   * package's acts change: a package has tens of acts, and a fold from its acts alone gives the same state however the
   * log was read (all at once after a rebuild, or an event at a time).
   */
  private static Folded fold(Building p) {
    Folded f = new Folded();
    List<Recorded> inTime = new ArrayList<>(p.log);
    inTime.sort(java.util.Comparator.comparing(Recorded::act, OCCURRENCE));
    for (Recorded r : inTime) {
      Act act = r.act();
      switch (r.event()) {
        case Event.SanctionsPackageRecorded e -> { }
        case Event.SanctionsProposed e -> f.standings.put(e.by(), new Standing(e.by(), Status.PROPOSED, act));
        case Event.SanctionsBlocked e -> f.standings.put(e.by(), new Standing(e.by(), Status.BLOCKED, act));
        case Event.SanctionsAdopted e -> {
          f.standings.put(e.by(), new Standing(e.by(), Status.ADOPTED, act));
          // A guarantor adopts the package as it stands: a designation its issuer had already lifted is not re-listed by
          // the adoption (review 6, M2), so the adopter starts from the issuer's lift, with the issuer's act as its cause.
          if (f.adopters.add(e.by()) && p.issuer != null && !p.issuer.equals(e.by())) {
            for (Map<PartyCode, PartyState> states : f.designationStates.values()) {
              PartyState issuers = states.get(p.issuer);
              if (issuers != null && issuers.state() == DesignationState.LIFTED) {
                states.putIfAbsent(e.by(), new PartyState(e.by(), DesignationState.LIFTED, issuers.act()));
              }
            }
          }
        }
        case Event.SanctionsEased e -> f.standings.put(e.by(), new Standing(e.by(), Status.EASED, act));
        case Event.SanctionsLifted e -> f.standings.put(e.by(), new Standing(e.by(), Status.LIFTED, act));
        case Event.SanctionsReimposed e -> f.standings.put(e.by(), new Standing(e.by(), Status.REIMPOSED, act));
        // Each guarantor's act changes its own state of the designation only: one state for the whole package let a desk
        // that adopted another state's package delist the issuer's listing in the register.
        case Event.DesignationLifted e -> f.designationStates.computeIfAbsent(e.designation(), k -> new LinkedHashMap<>())
            .put(e.by(), new PartyState(e.by(), DesignationState.LIFTED, Optional.of(act)));
        case Event.DesignationReimposed e -> f.designationStates.computeIfAbsent(e.designation(), k -> new LinkedHashMap<>())
            .put(e.by(), new PartyState(e.by(), DesignationState.REIMPOSED, Optional.of(act)));
      }
    }
    return f;
  }

  /** Every package, in the order the record first named them. */
  public List<Entry> packages() {
    if (snapshot == null) {
      snapshot = packages.values().stream().map(p -> {
        if (p.entry == null) {
          p.entry = entry(p);
        }
        return p.entry;
      }).toArray(Entry[]::new);
    }
    return List.of(snapshot);
  }

  public Optional<Entry> get(String id) {
    return packages().stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** A package that designated a list entry, with the designation. */
  public record Link(Entry entry, DesignationStatus designation) {}

  /** The packages whose recorded designations became entry {@code entry} of list source {@code list}. */
  public List<Link> designating(String list, String entry) {
    return designating(packages(), list, entry);
  }

  /** The same over entries read earlier (a register no longer at hand, as in a command that closed its record). */
  public static List<Link> designating(List<Entry> entries, String list, String entry) {
    List<Link> links = new ArrayList<>();
    for (Entry e : entries) {
      for (DesignationStatus d : e.designations()) {
        if (d.listing().filter(l -> l.links(list, entry)).isPresent()) {
          links.add(new Link(e, d));
        }
      }
    }
    return links;
  }

  private static Entry entry(Building p) {
    Folded f = fold(p);
    List<DesignationStatus> designations = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    if (p.terms != null) {
      for (Designation d : p.terms.designations()) {
        seen.add(d.id());
        designations.add(status(p, f, d.id(), Optional.of(d)));
      }
    }
    for (String id : f.designationStates.keySet()) {
      if (!seen.contains(id)) {
        designations.add(status(p, f, id, Optional.empty()));
      }
    }
    return new Entry(p.id, Optional.ofNullable(p.issuer), Optional.ofNullable(p.terms), List.copyOf(f.standings.values()), designations,
        p.log.stream().map(Recorded::act).toList());
  }

  /**
   * A designation's states: the issuer's and each adopter's (listed until its own act), then those of guarantors that
   * acted on it without either. A designation only acts name (none of the terms lists it) has the actors' states only.
   */
  private static DesignationStatus status(Building p, Folded f, String id, Optional<Designation> listing) {
    Map<PartyCode, PartyState> acted = f.designationStates.getOrDefault(id, Map.of());
    Map<PartyCode, PartyState> states = new LinkedHashMap<>();
    if (listing.isPresent()) {
      if (p.issuer != null) {
        states.put(p.issuer, listed(p.issuer, acted));
      }
      for (PartyCode adopter : f.adopters) {
        states.putIfAbsent(adopter, listed(adopter, acted));
      }
    }
    acted.forEach(states::putIfAbsent);
    // The listing's state is the issuer's. Where the issuer has none (no terms name an issuer yet, or only acts name the
    // designation and the issuer never acted on it) there is no listing to misstate, and the latest act says all we know.
    PartyState shown = p.issuer != null && states.containsKey(p.issuer) ? states.get(p.issuer)
        : acted.values().stream().filter(s -> s.act().isPresent())
            .max(java.util.Comparator.comparing(s -> s.act().orElseThrow(), OCCURRENCE)).orElse(null);
    return new DesignationStatus(id, listing, shown == null ? DesignationState.LISTED : shown.state(),
        shown == null ? Optional.empty() : shown.act(), List.copyOf(states.values()));
  }

  private static PartyState listed(PartyCode party, Map<PartyCode, PartyState> acted) {
    return acted.getOrDefault(party, new PartyState(party, DesignationState.LISTED, Optional.empty()));
  }

  private static Optional<String> designation(Event.SanctionsEvent event) {
    return switch (event) {
      case Event.DesignationLifted e -> Optional.of(e.designation());
      case Event.DesignationReimposed e -> Optional.of(e.designation());
      default -> Optional.empty();
    };
  }

  /** The event's type as the log names it ({@code sanctions-adopted}). */
  static String kind(Event event) {
    return event.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
