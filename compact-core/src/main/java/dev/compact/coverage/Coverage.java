package dev.compact.coverage;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.AmountBound;
import dev.compact.agreements.Binding;
import dev.compact.agreements.Clause;
import dev.compact.agreements.Compact;
import dev.compact.agreements.DateRange;
import dev.compact.agreements.Deadline;
import dev.compact.agreements.DeliveryScope;
import dev.compact.agreements.Domain;
import dev.compact.agreements.Firmness;
import dev.compact.agreements.Guarantor;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.Money;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.Precondition;
import dev.compact.agreements.Schedule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Builds the coverage matrix of a compact: for every clause of every agreement, the parties it binds
 * and the kind of commitment it is; for every agreement, its term and what NATO accession does to
 * it. It reads the compact it is given, so a caller that must not show restricted or secret clauses
 * passes {@link Compact#view} or {@link Compact#publicView} first.
 */
public final class Coverage {
  private Coverage() {}

  public static CoverageMatrix of(Compact compact) {
    Map<PartyCode, String> tiers = new LinkedHashMap<>();
    for (Guarantor g : compact.guarantors()) {
      tiers.put(g.party(), g.tier().name().toLowerCase(Locale.ROOT));
    }
    tiers.put(compact.protectedParty(), "protected");
    Map<PartyCode, Map<Mechanism, List<CoverageEntry>>> cells = new LinkedHashMap<>();
    tiers.keySet().forEach(p -> cells.put(p, new EnumMap<>(Mechanism.class)));

    for (Agreement agreement : compact.allAgreements()) {
      for (Clause clause : agreement.clauses()) {
        Optional<Placed> placed = place(clause, agreement);
        if (placed.isEmpty()) {
          continue;
        }
        for (PartyCode party : compact.resolve(clause.norm().obligor(), agreement)) {
          add(cells, tiers, party, placed.get().mechanism(), placed.get().entry());
        }
      }
      header(agreement).forEach((mechanism, entry) -> agreement.parties().forEach(p -> add(cells, tiers, p, mechanism, entry)));
    }
    List<CoverageMatrix.Row> rows = new ArrayList<>();
    cells.forEach((party, byMechanism) -> rows.add(new CoverageMatrix.Row(party, tiers.getOrDefault(party, "other"), byMechanism)));
    return new CoverageMatrix(compact.id(), compact.umbrella().title(), rows);
  }

  private static void add(Map<PartyCode, Map<Mechanism, List<CoverageEntry>>> cells, Map<PartyCode, String> tiers, PartyCode party,
      Mechanism mechanism, CoverageEntry entry) {
    // A party that is neither a guarantor nor the protected party is still shown (the checker warns about it).
    tiers.putIfAbsent(party, "other");
    cells.computeIfAbsent(party, p -> new EnumMap<>(Mechanism.class)).computeIfAbsent(mechanism, m -> new ArrayList<>()).add(entry);
  }

  private record Placed(Mechanism mechanism, CoverageEntry entry) {}

  private static Optional<Placed> place(Clause clause, Agreement agreement) {
    String binding = binding(agreement);
    return switch (clause.norm()) {
      case Norm.Obligation o -> Optional.of(obligation(clause, agreement, o, binding));
      case Norm.Commitment c -> Optional.of(new Placed(supportMechanism(c.domain()),
          entry(clause, agreement, briefOf(c) + (c.firmness().breaches() ? "" : "~"), summaryOf(c),
              join(c.firmness().breaches() ? "" : c.firmness().label(), boundWord(c), conditions(c), binding))));
      case Norm.Power p -> switch (p.action()) {
        // A right to ask binds nobody; the duties it sets off are the obligations.
        case REQUEST_CONSULTATIONS -> Optional.empty();
        case TERMINATE -> Optional.of(new Placed(Mechanism.TERM, entry(clause, agreement,
            p.notice().map(n -> "may end (" + n.text() + ")").orElse("may end"),
            "may terminate" + p.notice().map(n -> " by notice taking effect after " + n.display()).orElse(""), join("a power", binding))));
        case SUSPEND -> Optional.of(new Placed(Mechanism.TERM, entry(clause, agreement, "suspend", "may suspend", join("a power", binding))));
        case EXTEND -> Optional.of(new Placed(Mechanism.TERM, entry(clause, agreement, "extend", "may extend", join("a power", binding))));
        case INVOKE_SNAPBACK -> Optional.of(new Placed(Mechanism.SANCTIONS, entry(clause, agreement, "snapback",
            "may restore eased sanctions in full (snapback)", join("a power", binding))));
      };
      case Norm.Prohibition p -> {
        String until = p.until().source().equals("false") ? "never lifts" : "until " + p.until().source();
        yield Optional.of(switch (p.action()) {
          case EASE_SANCTIONS -> new Placed(Mechanism.SANCTIONS, entry(clause, agreement, "no easing", "no easing of sanctions, " + until,
              join("a prohibition", binding)));
          case RELEASE_FROZEN_ASSETS -> new Placed(Mechanism.SANCTIONS, entry(clause, agreement, "assets held",
              "no release of the aggressor's frozen assets, " + until, join("a prohibition", binding)));
          case LIMIT_ARMED_FORCES -> new Placed(Mechanism.LIMITS, entry(clause, agreement, "no caps",
              "no limits on the protected state's armed forces, " + until, join("a prohibition", binding)));
          case JOIN_ALLIANCE -> new Placed(Mechanism.LIMITS, entry(clause, agreement, "neutral", "joins no military alliance, " + until,
              join("a prohibition", binding)));
          case HOST_FOREIGN_FORCES -> new Placed(Mechanism.LIMITS, entry(clause, agreement, "no bases",
              "hosts no foreign forces or bases, " + until, join("a prohibition", binding)));
          case EXCEED_FORCE_CAP -> new Placed(Mechanism.LIMITS, entry(clause, agreement,
              p.cap().map(cap -> "cap " + cap.quantity()).orElse("cap"),
              "keeps its forces within " + p.cap().map(cap -> cap.quantity() + " " + cap.unit()).orElse("a cap") + ", " + until,
              join("a prohibition", binding)));
          case ACQUIRE_NUCLEAR_WEAPONS -> new Placed(Mechanism.LIMITS, entry(clause, agreement, "non-nuclear",
              "acquires no nuclear weapons, " + until, join("a prohibition", binding)));
        });
      }
    };
  }

  private static Placed obligation(Clause clause, Agreement agreement, Norm.Obligation o, String binding) {
    String clock = o.deadline().map(Coverage::clock).orElse("no clock");
    String firmness = join(o.deadline().map(d -> firmnessWord(d.firmness())).orElse("no deadline: never breached"), binding);
    String summary = o.action() + o.deadline().map(d -> ", " + d.display()).orElse("");
    return switch (o.fulfilledBy()) {
      case CONSULTATION_HELD -> new Placed(Mechanism.CONSULTATIONS,
          entry(clause, agreement, clock + (threat(o) ? " +threat" : ""), summary + (threat(o) ? " (also on a threat of attack)" : ""), firmness));
      case MEASURES_DECIDED -> {
        String rule = o.decisionRule().map(r -> r.display()).orElse("");
        yield new Placed(Mechanism.DECISION, entry(clause, agreement, clock, summary + (rule.isEmpty() ? "" : "; decision: " + rule), firmness));
      }
      case SANCTIONS_REIMPOSED -> new Placed(Mechanism.SANCTIONS, entry(clause, agreement, "re-impose " + clock, summary, firmness));
      case ALLOCATION, DELIVERY -> new Placed(supportMechanism(o.domain()), entry(clause, agreement, "deliver " + clock, summary, firmness));
    };
  }

  private static boolean threat(Norm.Obligation o) {
    return o.trigger().source().contains("threat-of-armed-attack");
  }

  /** Header lines: the term (years, notice, extension) and what NATO accession does. */
  private static Map<Mechanism, CoverageEntry> header(Agreement agreement) {
    Map<Mechanism, CoverageEntry> entries = new EnumMap<>(Mechanism.class);
    String binding = binding(agreement);
    var term = agreement.term();
    List<String> brief = new ArrayList<>();
    List<String> words = new ArrayList<>();
    term.years().ifPresent(y -> {
      brief.add(y + "y");
      words.add(y + " years" + term.expires(agreement.lifecycle().inForce()).map(d -> ", to " + d).orElse(""));
    });
    term.notice().ifPresent(n -> {
      brief.add(n.text() + " notice");
      words.add("ends " + n.display() + " after notice");
    });
    term.extension().ifPresent(e -> words.add("extension: " + e));
    if (!words.isEmpty()) {
      entries.put(Mechanism.TERM, new CoverageEntry(agreement.id().value(), "", String.join(" + ", brief.isEmpty() ? List.of("ext.") : brief),
          String.join("; ", words), binding, "", SourceStatus.HEADER, stage(agreement), signed(agreement)));
    }
    boolean endsOnNato = term.endsWhen().stream().anyMatch(c -> c.source().contains("nato_member"));
    if (endsOnNato) {
      String survives = term.survives().stream().map(c -> c.value()).collect(Collectors.joining(", "));
      entries.put(Mechanism.NATO, new CoverageEntry(agreement.id().value(), "",
          survives.isEmpty() ? "ends" : "ends, " + term.survives().size() + " survive",
          "ends when the protected state joins NATO" + (survives.isEmpty() ? "" : "; survives: " + survives), binding, "",
          SourceStatus.HEADER, stage(agreement), signed(agreement)));
    }
    return entries;
  }

  private static CoverageEntry entry(Clause clause, Agreement agreement, String brief, String summary, String firmness) {
    String title = clause.title().isBlank() ? "" : clause.title() + ": ";
    return new CoverageEntry(agreement.id().value(), clause.id().value(), brief, title + summary, firmness, clause.source(),
        SourceStatus.of(clause.source()), stage(agreement), signed(agreement));
  }

  private static boolean signed(Agreement agreement) {
    return agreement.lifecycle().status().compareTo(dev.compact.agreements.Lifecycle.Status.SIGNED) >= 0;
  }

  private static Mechanism supportMechanism(Domain domain) {
    return switch (domain) {
      case MILITARY, TECHNICAL, INFORMATION -> Mechanism.MILITARY;
      case FINANCIAL -> Mechanism.FINANCIAL;
      case INFRASTRUCTURE, HUMANITARIAN, REFORM -> Mechanism.RECONSTRUCTION;
      case ACCOUNTABILITY -> Mechanism.SANCTIONS;
    };
  }

  /** "24h" for a whole number of hours, else the ISO text ("P30D"), with "~" when missing it is no breach. */
  static String clock(Deadline deadline) {
    IsoDuration within = deadline.within();
    Duration exact = within.exact();
    String text = within.isExact() && exact != null && exact.toMinutesPart() == 0 && exact.toSecondsPart() == 0
        ? exact.toHours() + "h" : within.text();
    return text + (deadline.firmness().breaches() ? "" : "~");
  }

  private static String firmnessWord(Firmness firmness) {
    return switch (firmness) {
      case HARD -> "hard deadline";
      case IMMEDIATELY -> "immediately (firm)";
      case BEST_EFFORT -> "best effort (late, never breached)";
      case PROMPTLY -> "promptly (best effort)";
    };
  }

  /**
   * How the text binds, as its reader should take it: a text published as recommendations or a proposal, or an
   * announcement never made an instrument, binds no one whatever its {@code binding} field says it would.
   */
  private static String binding(Agreement agreement) {
    if (agreement.lifecycle().unsignable()) {
      return "binds no one (" + agreement.lifecycle().describe() + ")";
    }
    return announcementOnly(agreement) ? "binds no one (an announcement, never signed)" : binding(agreement.binding());
  }

  /** The agreement's stage; an announcement is not a draft of anything. */
  private static String stage(Agreement agreement) {
    return announcementOnly(agreement) ? "announced, not signed" : agreement.lifecycle().describe();
  }

  /** A text with no lifecycle dates whose every clause is an announced commitment (the German ministry's package). */
  private static boolean announcementOnly(Agreement agreement) {
    return agreement.lifecycle().status() == dev.compact.agreements.Lifecycle.Status.DRAFT && !agreement.clauses().isEmpty()
        && agreement.clauses().stream().allMatch(c -> c.norm() instanceof Norm.Commitment commitment
            && commitment.firmness() == dev.compact.agreements.CommitmentFirmness.ANNOUNCED);
  }

  private static String binding(Binding binding) {
    return switch (binding) {
      case LEGAL -> "legally binding";
      case POLITICAL -> "politically binding";
      case BOTH -> "legally and politically binding";
    };
  }

  private static String briefOf(Norm.Commitment c) {
    String what = c.amount().map(a -> prefix(c.bound()) + shortMoney(a) + c.maximum().map(m -> "-" + shortMoney(m)).orElse(""))
        .orElseGet(() -> c.items().size() == 1 ? c.items().getFirst().quantity() + " " + c.items().getFirst().item()
            : c.items().size() + " item lines");
    String when = c.period().map(Coverage::years).orElseGet(() -> c.schedule().map(Coverage::years).orElse(""));
    return when.isEmpty() ? what : what + " " + when;
  }

  private static String summaryOf(Norm.Commitment c) {
    List<String> parts = new ArrayList<>();
    c.amount().ifPresent(a -> parts.add(c.bound() == AmountBound.AT_LEAST ? a.display()
        : c.bound() == AmountBound.RANGE ? "between " + a.display() + c.maximum().map(m -> " and " + m.display()).orElse("")
        : c.bound().phrase() + " " + a.display()));
    if (!c.items().isEmpty()) {
      parts.add(IntStream.range(0, c.items().size())
          .mapToObj(n -> c.itemBoundWords(n) + c.items().get(n).quantity() + " " + c.items().get(n).item()).collect(Collectors.joining(", ")));
    }
    c.period().ifPresent(p -> parts.add(p.display()));
    c.schedule().ifPresent(s -> parts.add(s.display()));
    if (!c.scope().isEmpty()) {
      parts.add(c.scope().stream().map(DeliveryScope::toString).map(s -> s.toLowerCase(Locale.ROOT).replace('_', '-'))
          .collect(Collectors.joining(" and ")) + " only");
    }
    return String.join("; ", parts);
  }

  private static String boundWord(Norm.Commitment c) {
    if (c.amount().isEmpty() && !c.items().isEmpty() && c.itemBounds().stream().allMatch(b -> b == AmountBound.UP_TO)) {
      return "a ceiling (up to): short is not a breach";
    }
    return switch (c.bound()) {
      case AT_LEAST -> "a target (at least)";
      case EXACT -> "exactly";
      case UP_TO -> "a ceiling (up to): short is not a breach";
      case RANGE -> "a range";
    };
  }

  private static String conditions(Norm.Commitment c) {
    return c.subjectTo().isEmpty() ? "" : "subject to " + c.subjectTo().stream().map(Precondition::toString)
        .map(s -> s.toLowerCase(Locale.ROOT).replace('_', ' ')).collect(Collectors.joining(", "));
  }

  private static String prefix(AmountBound bound) {
    return bound == AmountBound.UP_TO ? "\u2264" : "";
  }

  /** "EUR 7.1bn", "GBP 200m": two decimals at most, for a table cell (the summary keeps the exact figure). */
  static String shortMoney(Money money) {
    BigDecimal v = money.value();
    BigDecimal billion = BigDecimal.valueOf(1_000_000_000L);
    BigDecimal million = BigDecimal.valueOf(1_000_000L);
    if (v.abs().compareTo(billion) >= 0) {
      return money.currency() + " " + v.divide(billion, 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "bn";
    }
    if (v.abs().compareTo(million) >= 0) {
      return money.currency() + " " + v.divide(million, 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "m";
    }
    return money.currency() + " " + v.stripTrailingZeros().toPlainString();
  }

  private static String years(DateRange range) {
    int a = range.start().getYear();
    int b = range.end().getYear();
    return a == b ? String.valueOf(a) : a + "-" + String.format(Locale.ROOT, "%02d", b % 100);
  }

  private static String years(Schedule schedule) {
    if (schedule.every().text().equals("P1Y")) {
      int first = schedule.start().getYear();
      int last = schedule.start().plusYears(schedule.count()).minusDays(1).getYear();
      return "a year " + first + "-" + String.format(Locale.ROOT, "%02d", last % 100);
    }
    return "every " + schedule.every().text() + " from " + schedule.start() + " (" + schedule.count() + ")";
  }

  private static String join(String... parts) {
    return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).collect(Collectors.joining("; "));
  }
}
