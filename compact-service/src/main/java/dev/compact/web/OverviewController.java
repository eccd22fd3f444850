package dev.compact.web;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.Compact;
import dev.compact.agreements.Guarantor;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.State;
import dev.compact.service.CompactCatalog;
import dev.compact.service.NormView;
import dev.compact.service.NotFound;
import dev.compact.service.RecordService;
import dev.compact.service.TestClock;
import dev.compact.service.TransitionView;
import dev.compact.text.Shown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The overview, the obligations board with each obligation's timeline of causes, and the test clock. */
@Controller
class OverviewController {
  /** Agreements that end within this time of now are shown as expiring. */
  static final Duration EXPIRING = Duration.ofDays(365);
  static final Map<String, Duration> WINDOWS = windows();

  private final RecordService record;
  private final CompactCatalog catalog;
  private final Clock clock;
  private final DashboardAuth auth;

  OverviewController(RecordService record, CompactCatalog catalog, Clock clock, DashboardAuth auth) {
    this.record = record;
    this.catalog = catalog;
    this.clock = clock;
    this.auth = auth;
  }

  record TierGroup(String tier, List<String> parties) {}

  record AgreementRow(String id, String title, String parties, String status, String signed, String inForce, String expires,
      boolean expiring, int norms, String hash) {}

  @GetMapping("/")
  String overview(Model model, jakarta.servlet.http.HttpServletRequest request) {
    Instant now = clock.instant();
    Compact compact = catalog.compact();
    model.addAttribute("compact", compact);
    model.addAttribute("protectedParty", compact.protectedParty().displayName());
    Map<String, List<String>> tiers = new TreeMap<>();
    for (Guarantor g : compact.guarantors()) {
      tiers.computeIfAbsent(Keywords.of(g.tier()), t -> new ArrayList<>()).add(g.party().displayName() + " (" + g.party().value() + ")");
    }
    model.addAttribute("tiers", tiers.entrySet().stream().map(e -> new TierGroup(e.getKey(), e.getValue())).toList());
    model.addAttribute("convene", compact.defaults().convene().map(d -> d.display()).orElse("no default"));
    model.addAttribute("decide", compact.defaults().decide().map(d -> d.display()).orElse("no default"));
    model.addAttribute("agreements", agreementRows(now, catalog.compact(Readers.clearance(auth, request)).allAgreements()));

    var queries = record.queries(Readers.clearance(auth, request));
    model.addAttribute("openIncidents", queries.incidents().stream().filter(i -> !"rejected".equals(i.status())).limit(8).toList());
    List<NormView> active = queries.norms(null, "active", null, List.of("obligation", "measure"), null);
    model.addAttribute("dueNext", withCountdown(active.stream().filter(n -> n.dueAt() != null).limit(10).toList(), now));
    model.addAttribute("activeCount", active.size());
    model.addAttribute("breachedCount", queries.norms(null, "breached", null, List.of(), null).size());
    model.addAttribute("fulfilledCount", queries.norms(null, "fulfilled", null, List.of(), null).size());
    // Apart from breaches: a best effort or an announcement that ended short broke no promise.
    model.addAttribute("unmetCount", queries.norms(null, "unmet", null, List.of(), null).size());
    model.addAttribute("breaches", queries.recentTransitions(500).stream().filter(t -> "breached".equals(t.toState())).limit(10)
        .map(OverviewController::readable).toList());
    return "overview";
  }

  List<AgreementRow> agreementRows(Instant now, List<Agreement> agreements) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<AgreementRow> rows = new ArrayList<>();
    for (Agreement a : agreements) {
      var expires = a.term().expires(a.lifecycle().inForce());
      boolean expiring = expires.isPresent() && !expires.get().isBefore(today)
          && expires.get().isBefore(today.plusDays(EXPIRING.toDays()));
      rows.add(new AgreementRow(a.id().value(), a.title(), String.join(", ", a.parties().stream().map(PartyCode::value).toList()),
          Keywords.of(a.lifecycle().status()).replace('-', ' '), a.lifecycle().signed().map(Object::toString).orElse(""),
          a.lifecycle().inForce().map(Object::toString).orElse(""), expires.map(Object::toString).orElse(""), expiring, a.clauses().size(),
          a.versionHash().shortForm()));
    }
    return rows;
  }

  @GetMapping("/obligations")
  String board(@RequestParam(required = false) String party, @RequestParam(required = false) String state,
      @RequestParam(required = false) String agreement, @RequestParam(required = false) String due,
      @RequestParam(defaultValue = "obligations") String kind, Model model, jakarta.servlet.http.HttpServletRequest request) {
    Instant now = clock.instant();
    List<String> kinds = switch (kind) {
      case "obligations" -> List.of("obligation", "measure");
      case "commitments" -> List.of("commitment");
      case "powers" -> List.of("power");
      case "prohibitions" -> List.of("prohibition");
      case "all" -> List.of();
      default -> throw new IllegalArgumentException("'kind' must be obligations, commitments, powers, prohibitions or all");
    };
    Instant dueBefore = null;
    if (due != null && !due.isBlank()) {
      Duration window = WINDOWS.get(due);
      if (window == null) {
        throw new IllegalArgumentException("'due' must be one of " + WINDOWS.keySet());
      }
      dueBefore = now.plus(window);
    }
    if (state != null && !state.isBlank() && dev.compact.agreements.Keywords.parse(State.class, state).isEmpty()) {
      throw new IllegalArgumentException("'state' must be one of " + Keywords.choices(State.class));
    }
    List<NormView> rows = record.queries(Readers.clearance(auth, request)).norms(blankToNull(party), blankToNull(state), blankToNull(agreement), kinds, dueBefore);
    model.addAttribute("rows", withCountdown(rows, now));
    model.addAttribute("parties", parties());
    model.addAttribute("states", java.util.Arrays.stream(State.values()).map(Keywords::of).toList());
    model.addAttribute("agreementIds", catalog.agreements().stream().map(a -> a.id().value()).toList());
    model.addAttribute("windows", WINDOWS.keySet());
    model.addAttribute("f", Map.of("party", orEmpty(party), "state", orEmpty(state), "agreement", orEmpty(agreement), "due", orEmpty(due),
        "kind", kind));
    return "obligations";
  }

  @GetMapping("/obligations/instance")
  String instance(@RequestParam String key, Model model, jakarta.servlet.http.HttpServletRequest request) {
    var clearance = Readers.clearance(auth, request);
    NormView norm = record.queries(clearance).norm(key)
        .orElseThrow(() -> new NotFound("no norm instance '" + key + "'"));
    model.addAttribute("norm", withCountdown(List.of(norm), clock.instant()).getFirst());
    model.addAttribute("history", record.queries(clearance).history(key).stream().map(OverviewController::readable).toList());
    String agreementId = norm.agreementId();
    String clauseId = norm.clauseId();
    model.addAttribute("clause", catalog.compact(clearance).agreement(new dev.compact.agreements.AgreementId(agreementId))
        .flatMap(a -> a.clause(new dev.compact.agreements.ClauseId(clauseId)))
        .map(c -> dev.compact.agreements.AgreementRenderer.summary(c)).orElse(null));
    model.addAttribute("clauseLink", "/agreements/" + agreementId + "#clause-" + clauseId);
    return "instance";
  }

  /** Moves the test clock, the way POST /api/clock does; refused on the real clock. */
  @PostMapping("/clock")
  String moveClock(@RequestParam String advanceBy, @RequestParam(defaultValue = "/") String back) {
    if (!(clock instanceof TestClock test)) {
      throw new IllegalArgumentException("this service runs on the real clock; only a test clock can be moved");
    }
    Duration by;
    try {
      by = Duration.parse(advanceBy);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("'advance by' must be an ISO-8601 duration such as PT1H or PT25H, not '" + Shown.value(advanceBy) + "'");
    }
    if (by.isNegative() || by.isZero()) {
      throw new IllegalArgumentException("time only moves forward");
    }
    test.advance(by);
    record.tick(test.instant());
    return "redirect:" + (back.contains("?") ? "/" : dev.compact.access.DashboardSessions.local(back)) + "?done=clock";
  }

  List<String> parties() {
    List<String> parties = new ArrayList<>();
    parties.add(catalog.compact().protectedParty().value());
    catalog.compact().guarantors().forEach(g -> parties.add(g.party().value()));
    for (Agreement a : catalog.agreements()) {
      a.parties().forEach(p -> {
        if (!parties.contains(p.value())) {
          parties.add(p.value());
        }
      });
    }
    return parties;
  }

  /** Rows with the due time written for people and the countdown from the record's time. */
  static List<Map<String, Object>> withCountdown(List<NormView> rows, Instant now) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (NormView row : rows) {
      Map<String, Object> copy = Rows.of(row);
      Instant due = row.dueAt();
      // Templates read these keys on every row: a missing key is an error in a template, an empty one is not.
      copy.put("dueText", "");
      copy.put("countdown", "");
      copy.put("overdue", false);
      if (due != null) {
        copy.put("dueText", Format.instant(due));
        copy.put("countdown", Format.countdown(now, due));
        copy.put("overdue", due.isBefore(now));
      } else if ("pending".equals(row.state()) && row.deadline() != null && row.deadline().contains("(pending: ")) {
        // A pledge under way that waits for a condition nobody recorded: an open item, said so before it expires.
        copy.put("dueText", row.deadline());
      }
      copy.put("activatedText", Format.instant(row.activatedAt()));
      copy.put("settledText", Format.instant(row.settledAt()));
      out.add(copy);
    }
    return out;
  }

  static Map<String, Object> readable(TransitionView transition) {
    Map<String, Object> copy = Rows.of(transition);
    copy.put("atText", Format.instant(transition.at()));
    String key = transition.instanceKey();
    int at = key.lastIndexOf('@');
    String head = at < 0 ? key : key.substring(0, at);
    copy.put("obligor", head.substring(head.lastIndexOf('/') + 1));
    return copy;
  }

  private static Map<String, Duration> windows() {
    Map<String, Duration> windows = new LinkedHashMap<>();
    windows.put("24h", Duration.ofHours(24));
    windows.put("72h", Duration.ofHours(72));
    windows.put("7d", Duration.ofDays(7));
    windows.put("30d", Duration.ofDays(30));
    windows.put("365d", Duration.ofDays(365));
    return windows;
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
