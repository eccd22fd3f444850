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
 * designations in the order the record holds them. A package has its terms (the latest recorded), a
 * standing per guarantor that acted on it (proposed, adopted, blocked and by whom, eased, lifted,
 * re-imposed) and a state per designation (listed, lifted, re-imposed, with the act). Acts on a
 * package nobody recorded the terms of are kept too: the engine reads them all the same.
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

  /** A designation with its state: {@code listing} is the package's own record of it, absent when only acts name it. */
  public record DesignationStatus(String id, Optional<Designation> listing, DesignationState state, Optional<Act> act) {}

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

  private static final class Building {
    final String id;
    /** Null until the package's own record arrives (acts may name a package first). */
    @Nullable PartyCode issuer;
    @Nullable SanctionsPackage terms;
    final Map<PartyCode, Standing> standings = new LinkedHashMap<>();
    final Map<String, Act> designationActs = new LinkedHashMap<>();
    final Map<String, DesignationState> designationStates = new LinkedHashMap<>();
    final List<Act> acts = new ArrayList<>();

    Building(String id) {
      this.id = id;
    }
  }

  private final Map<String, Building> packages = new LinkedHashMap<>();
  private Entry @Nullable [] snapshot;

  /** Folds one event; {@code seq} is its place in the log. */
  public void apply(long seq, Event.SanctionsEvent event) {
    Building p = packages.computeIfAbsent(event.sanctionsPackage(), Building::new);
    Act act = new Act(seq, event.occurredAt(), kind(event), event.by(), designation(event),
        event instanceof Event.SanctionsBlocked b ? b.blockedBy() : List.of(), EventText.describe(event));
    p.acts.add(act);
    switch (event) {
      case Event.SanctionsPackageRecorded e -> {
        p.issuer = e.by();
        p.terms = e.terms();
      }
      case Event.SanctionsProposed e -> p.standings.put(e.by(), new Standing(e.by(), Status.PROPOSED, act));
      case Event.SanctionsBlocked e -> p.standings.put(e.by(), new Standing(e.by(), Status.BLOCKED, act));
      case Event.SanctionsAdopted e -> p.standings.put(e.by(), new Standing(e.by(), Status.ADOPTED, act));
      case Event.SanctionsEased e -> p.standings.put(e.by(), new Standing(e.by(), Status.EASED, act));
      case Event.SanctionsLifted e -> p.standings.put(e.by(), new Standing(e.by(), Status.LIFTED, act));
      case Event.SanctionsReimposed e -> p.standings.put(e.by(), new Standing(e.by(), Status.REIMPOSED, act));
      case Event.DesignationLifted e -> {
        p.designationActs.put(e.designation(), act);
        p.designationStates.put(e.designation(), DesignationState.LIFTED);
      }
      case Event.DesignationReimposed e -> {
        p.designationActs.put(e.designation(), act);
        p.designationStates.put(e.designation(), DesignationState.REIMPOSED);
      }
    }
    snapshot = null;
  }

  /** Every package, in the order the record first named them. */
  public List<Entry> packages() {
    if (snapshot == null) {
      snapshot = packages.values().stream().map(Register::entry).toArray(Entry[]::new);
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
    List<DesignationStatus> designations = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    if (p.terms != null) {
      for (Designation d : p.terms.designations()) {
        seen.add(d.id());
        designations.add(new DesignationStatus(d.id(), Optional.of(d), p.designationStates.getOrDefault(d.id(), DesignationState.LISTED),
            Optional.ofNullable(p.designationActs.get(d.id()))));
      }
    }
    p.designationStates.forEach((id, state) -> {
      if (!seen.contains(id)) {
        designations.add(new DesignationStatus(id, Optional.empty(), state, Optional.ofNullable(p.designationActs.get(id))));
      }
    });
    return new Entry(p.id, Optional.ofNullable(p.issuer), Optional.ofNullable(p.terms), List.copyOf(p.standings.values()), designations,
        p.acts);
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
