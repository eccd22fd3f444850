package dev.compact.scenarios;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Domain;
import dev.compact.agreements.Money;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Reads the events of a scenario's story into engine events, one entry at a time. */
final class EventReader {

  private final ScenarioNodes nodes;
  private final ScenarioTimes times;
  private final SupportReader support;
  private final SanctionsPackageReader packages;

  EventReader(ScenarioNodes nodes, ScenarioTimes times) {
    this.nodes = nodes;
    this.times = times;
    this.support = new SupportReader(nodes);
    this.packages = new SanctionsPackageReader(nodes);
  }

  /** The event keys a scenario may use, and the fields each takes (required ones first in docs). */
  static final Map<String, Set<String>> EVENT_FIELDS = new LinkedHashMap<>();

  static {
    EVENT_FIELDS.put("signed", Set.of("agreement", "party"));
    EVENT_FIELDS.put("ratified", Set.of("agreement", "party"));
    EVENT_FIELDS.put("entered-into-force", Set.of("agreement"));
    EVENT_FIELDS.put("suspended", Set.of("agreement", "by"));
    EVENT_FIELDS.put("resumed", Set.of("agreement", "by"));
    EVENT_FIELDS.put("termination-notice", Set.of("agreement", "by"));
    EVENT_FIELDS.put("party-status", Set.of("party", "status", "value"));
    EVENT_FIELDS.put("incident-reported", Set.of("id", "kind", "place", "severity", "by", "evidence", "attacker", "location"));
    EVENT_FIELDS.put("incident-verified", Set.of("id", "by"));
    EVENT_FIELDS.put("incident-rejected", Set.of("id", "by", "reason"));
    EVENT_FIELDS.put("consultation-requested", Set.of("id", "by", "incident"));
    EVENT_FIELDS.put("consultation-held", Set.of("id", "attended", "level"));
    EVENT_FIELDS.put("measures-decided", Set.of("consultation", "measures", "agreed", "objections"));
    EVENT_FIELDS.put("allocation", Set.of("by", "category", "value", "rate", "items", "for", "measure", "scope"));
    EVENT_FIELDS.put("delivery", Set.of("by", "category", "value", "rate", "items", "for", "measure", "scope"));
    EVENT_FIELDS.put("sanctions-package", Set.of("package", "issuer", "title", "legal-acts", "adopted", "in-force", "measures",
        "designations", "designation-count", "vote", "renewal", "sources"));
    EVENT_FIELDS.put("sanctions-proposed", Set.of("package", "by"));
    EVENT_FIELDS.put("sanctions-blocked", Set.of("package", "by", "blocked-by", "reason"));
    EVENT_FIELDS.put("sanctions-adopted", Set.of("package", "by"));
    EVENT_FIELDS.put("sanctions-eased", Set.of("package", "by"));
    EVENT_FIELDS.put("sanctions-lifted", Set.of("package", "by"));
    EVENT_FIELDS.put("designation-lifted", Set.of("package", "designation", "by"));
    EVENT_FIELDS.put("designation-reimposed", Set.of("package", "designation", "by"));
    EVENT_FIELDS.put("sanctions-reimposed", Set.of("package", "by"));
    EVENT_FIELDS.put("act", Set.of("by", "act", "quantity", "detail"));
    EVENT_FIELDS.put("snapback", Set.of("by", "incident"));
    EVENT_FIELDS.put("compensation", Set.of("by", "paid", "assessed", "source"));
    EVENT_FIELDS.put("condition-met", Set.of("by", "for", "condition"));
    EVENT_FIELDS.put("extended", Set.of("agreement", "by", "agreed", "years"));
    EVENT_FIELDS.put("time-advanced", Set.of());
  }


  /** One {@code - at: ...} entry of the story: its time, when it was recorded, and the event. */
  Optional<Scenario.Step> event(Node node) {
    if (!(node instanceof MappingNode mapping)) {
      nodes.error(node, "an event must be 'at:' plus one event, e.g. 'incident-reported: {...}'", null);
      return Optional.empty();
    }
    Map<String, NodeTuple> fields = new LinkedHashMap<>();
    String kind = null;
    NodeTuple event = null;
    for (NodeTuple tuple : mapping.getValue()) {
      String key = nodes.scalar(tuple.getKeyNode()).orElse("");
      if (fields.containsKey(key)) {
        nodes.error(tuple.getKeyNode(), "'" + key + "' appears twice in this event", null);
        continue;
      }
      fields.put(key, tuple);
      if (key.equals("at") || key.equals("recorded")) {
        continue;
      }
      if (!EVENT_FIELDS.containsKey(key)) {
        nodes.error(tuple.getKeyNode(), "unknown event '" + key + "'", "events are: " + String.join(", ", EVENT_FIELDS.keySet()));
        return Optional.empty();
      }
      if (kind != null) {
        nodes.error(tuple.getKeyNode(), "one entry holds two events ('" + kind + "' and '" + key + "')", "give each event its own '- at:' entry");
        return Optional.empty();
      }
      kind = key;
      event = tuple;
    }
    if (!fields.containsKey("at")) {
      nodes.error(node, "the event has no 'at:' time", "add e.g. 'at: +2h' (from the start) or an absolute time");
      return Optional.empty();
    }
    if (kind == null || event == null) {
      nodes.error(node, "the entry has a time but no event", "events are: " + String.join(", ", EVENT_FIELDS.keySet()));
      return Optional.empty();
    }
    Optional<Instant> at = times.time(ScenarioNodes.value(fields, "at"));
    Optional<Instant> recorded = fields.containsKey("recorded") ? times.time(ScenarioNodes.value(fields, "recorded")) : at;
    if (at.isEmpty() || recorded.isEmpty()) {
      return Optional.empty();
    }
    if (recorded.get().isBefore(at.get())) {
      nodes.error(ScenarioNodes.value(fields, "recorded"), "an event cannot be recorded before it happened", null);
      return Optional.empty();
    }
    Node body = event.getValueNode();
    Map<String, NodeTuple> f = dev.compact.agreements.YamlNull.is(body)
        ? Map.of() : nodes.fields(body, EVENT_FIELDS.getOrDefault(kind, Set.of()), "'" + kind + "'");
    int errorsBefore = nodes.errorCount();
    Event built = build(kind, f, body, at.get(), recorded.get());
    if (nodes.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new Scenario.Step(built, nodes.line(node)));
  }

  private Event build(String kind, Map<String, NodeTuple> f, Node body, Instant at, Instant rec) {
    return switch (kind) {
      case "signed" -> new Event.Signed(at, rec, nodes.agreement(f, body), nodes.party(f, "party", body));
      case "ratified" -> new Event.Ratified(at, rec, nodes.agreement(f, body), nodes.party(f, "party", body));
      case "entered-into-force" -> new Event.EnteredIntoForce(at, rec, nodes.agreement(f, body));
      case "suspended" -> new Event.Suspended(at, rec, nodes.agreement(f, body), nodes.party(f, "by", body));
      case "resumed" -> new Event.Resumed(at, rec, nodes.agreement(f, body), nodes.party(f, "by", body));
      case "termination-notice" -> new Event.TerminationNoticeGiven(at, rec, nodes.agreement(f, body), nodes.party(f, "by", body));
      case "party-status" -> new Event.PartyStatusChanged(at, rec, nodes.party(f, "party", body),
          nodes.keyword(f, "status", body, Event.PartyStatus.class), nodes.bool(f, "value", true));
      case "incident-reported" -> new Event.IncidentReported(at, rec, new Event.IncidentId(nodes.id(f, "id", body)),
          nodes.keyword(f, "kind", body, Event.IncidentKind.class), place(f, body),
          severity(f, body), nodes.party(f, "by", body), evidence(f),
          nodes.optionalText(f, "attacker").map(code -> nodes.checkedParty(code, ScenarioNodes.value(f, "attacker"))), location(f));
      case "incident-verified" -> new Event.IncidentVerified(at, rec, new Event.IncidentId(nodes.id(f, "id", body)), nodes.party(f, "by", body));
      case "incident-rejected" -> new Event.IncidentRejected(at, rec, new Event.IncidentId(nodes.id(f, "id", body)), nodes.party(f, "by", body),
          nodes.optionalText(f, "reason").orElse(""));
      case "consultation-requested" -> new Event.ConsultationRequested(at, rec, new Event.ConsultationId(nodes.id(f, "id", body)),
          nodes.party(f, "by", body), nodes.optionalText(f, "incident").map(Event.IncidentId::new));
      case "consultation-held" -> new Event.ConsultationHeld(at, rec, new Event.ConsultationId(nodes.id(f, "id", body)),
          nodes.parties(f, "attended"), nodes.optionalKeyword(f, "level", body, dev.compact.agreements.MeetingLevel.class));
      case "measures-decided" -> new Event.MeasuresDecided(at, rec, new Event.ConsultationId(nodes.id(f, "consultation", body)),
          support.measures(f), nodes.parties(f, "agreed"), nodes.parties(f, "objections"));
      case "allocation" -> {
        Support g = support(f, body);
        yield new Event.AllocationRecorded(at, rec, g.by(), g.category(), g.value(), g.rate(), g.items(), g.target(), g.scope());
      }
      case "delivery" -> {
        Support g = support(f, body);
        yield new Event.DeliveryRecorded(at, rec, g.by(), g.category(), g.value(), g.rate(), g.items(), g.target(), g.scope());
      }
      case "act" -> new Event.ActReported(at, rec, nodes.party(f, "by", body),
          nodes.keyword(f, "act", body, dev.compact.agreements.ProhibitedAction.class), quantity(f), nodes.optionalText(f, "detail").orElse(""));
      case "condition-met" -> conditionMet(f, body, at, rec);
      case "extended" -> new Event.Extended(at, rec, nodes.party(f, "by", body), nodes.agreement(f, body), nodes.parties(f, "agreed"), years(f, body));
      case "compensation" -> new Event.CompensationRecorded(at, rec, nodes.party(f, "by", body), nodes.requiredMoney(f, "paid", body),
          nodes.requiredMoney(f, "assessed", body), nodes.optionalText(f, "source").orElse("no source given"));
      case "snapback" -> new Event.SnapbackInvoked(at, rec, nodes.party(f, "by", body), nodes.optionalText(f, "incident").map(Event.IncidentId::new));
      case "sanctions-package" -> packages.sanctionsPackage(f, body, at, rec);
      case "sanctions-proposed" -> new Event.SanctionsProposed(at, rec, nodes.id(f, "package", body), nodes.party(f, "by", body));
      case "sanctions-blocked" -> blocked(f, body, at, rec);
      case "sanctions-adopted" -> new Event.SanctionsAdopted(at, rec, nodes.id(f, "package", body), nodes.party(f, "by", body));
      case "sanctions-lifted" -> new Event.SanctionsLifted(at, rec, nodes.id(f, "package", body), nodes.party(f, "by", body));
      case "sanctions-eased" -> new Event.SanctionsEased(at, rec, nodes.id(f, "package", body), nodes.party(f, "by", body));
      case "sanctions-reimposed" -> new Event.SanctionsReimposed(at, rec, nodes.id(f, "package", body), nodes.party(f, "by", body));
      case "designation-lifted" -> new Event.DesignationLifted(at, rec, nodes.id(f, "package", body), nodes.id(f, "designation", body),
          nodes.party(f, "by", body));
      case "designation-reimposed" -> new Event.DesignationReimposed(at, rec, nodes.id(f, "package", body), nodes.id(f, "designation", body),
          nodes.party(f, "by", body));
      case "time-advanced" -> new Event.TimeAdvanced(at, rec);
      default -> throw new IllegalStateException("event kind listed but not built: " + kind);
    };
  }

  private Event blocked(Map<String, NodeTuple> f, Node body, Instant at, Instant rec) {
    List<PartyCode> blockedBy = nodes.parties(f, "blocked-by");
    if (blockedBy.isEmpty()) {
      nodes.error(body, "'sanctions-blocked' needs 'blocked-by', the parties that blocked it", "e.g. blocked-by: [HUN, SVK]");
    }
    return new Event.SanctionsBlocked(at, rec, nodes.id(f, "package", body), nodes.party(f, "by", body), blockedBy,
        nodes.optionalText(f, "reason").orElse(""));
  }


  private int years(Map<String, NodeTuple> f, Node body) {
    Optional<String> text = nodes.requiredText(f, "years", body);
    try {
      int value = Integer.parseInt(text.orElse("1"));
      if (value < 1 || value > 100) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      nodes.error(ScenarioNodes.value(f, "years"), "years must be a whole number from 1 to 100", null);
      return 1;
    }
  }

  private Event conditionMet(Map<String, NodeTuple> f, Node body, Instant at, Instant rec) {
    PartyCode by = nodes.party(f, "by", body);
    Optional<String> target = nodes.requiredText(f, "for", body);
    Optional<Event.Target> clause = target.isPresent() ? support.target(f, body) : Optional.empty();
    dev.compact.agreements.Precondition condition = nodes.keyword(f, "condition", body, dev.compact.agreements.Precondition.class);
    Event.Target.Clause commitment = clause.map(c -> (Event.Target.Clause) c)
        .orElse(new Event.Target.Clause(new AgreementId("?"), new ClauseId("?")));
    return new Event.PreconditionMet(at, rec, by, commitment, condition);
  }


  private Optional<dev.compact.agreements.DeliveryScope> scope(Map<String, NodeTuple> f) {
    if (!f.containsKey("scope")) {
      return Optional.empty();
    }
    return Optional.of(nodes.keyword(f, "scope", ScenarioNodes.value(f, "scope"), dev.compact.agreements.DeliveryScope.class));
  }

  /** {@code location: {lat: 48.02, lon: 37.80}}: where an incident happened, for areas bounded by a line of control. */
  private Optional<dev.compact.agreements.Area.Point> location(Map<String, NodeTuple> f) {
    if (!f.containsKey("location")) {
      return Optional.empty();
    }
    Node node = ScenarioNodes.value(f, "location");
    if (!(node instanceof MappingNode map)) {
      nodes.error(node, "'location' must be {lat: degrees, lon: degrees}", "e.g. location: {lat: 48.02, lon: 37.80}");
      return Optional.empty();
    }
    Map<String, NodeTuple> fields = new java.util.HashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        fields.put(key.getValue(), tuple);
      }
    }
    double[] values = new double[2];
    String[] names = {"lat", "lon"};
    for (int i = 0; i < 2; i++) {
      NodeTuple tuple = fields.get(names[i]);
      int limit = i == 0 ? 90 : 180;
      Optional<String> text = tuple == null ? Optional.empty() : nodes.scalar(tuple.getValueNode());
      try {
        double value = Double.parseDouble(text.filter(t -> t.length() <= 20).orElseThrow(NumberFormatException::new));
        if (!Double.isFinite(value) || Math.abs(value) > limit) {
          throw new NumberFormatException();
        }
        values[i] = value;
      } catch (NumberFormatException e) {
        nodes.error(tuple == null ? node : tuple.getValueNode(), "'location' needs '" + names[i] + "' in degrees from -" + limit + " to " + limit,
            "e.g. location: {lat: 48.02, lon: 37.80}");
        return Optional.empty();
      }
    }
    if (fields.size() > 2) {
      nodes.error(node, "'location' has only 'lat' and 'lon'", null);
      return Optional.empty();
    }
    return Optional.of(new dev.compact.agreements.Area.Point(values[0], values[1]));
  }

  private String place(Map<String, NodeTuple> f, Node body) {
    Optional<String> place = nodes.requiredText(f, "place", body);
    if (place.isPresent() && !dev.compact.agreements.Places.isKnown(place.get())) {
      nodes.error(ScenarioNodes.value(f, "place"), "unknown place code '" + place.get() + "'",
          "use an ISO 3166-1 alpha-3 code (GBR), a Ukrainian ISO 3166-2 code (UA-63 for Kharkiv oblast) or a maritime zone (UKR-EEZ)");
    }
    return place.orElse("");
  }

  private Optional<Long> quantity(Map<String, NodeTuple> f) {
    Optional<String> text = nodes.optionalText(f, "quantity");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(text.get().replace("_", "").replace(",", ""));
      if (value < 0 || value > 1_000_000_000_000L) {
        throw new NumberFormatException();
      }
      return Optional.of(value);
    } catch (NumberFormatException e) {
      nodes.error(ScenarioNodes.value(f, "quantity"), "quantity must be a whole number from 0 to 1,000,000,000,000", null);
      return Optional.empty();
    }
  }


  /** The fields an allocation and a delivery share, read in the order they are written. */
  private record Support(PartyCode by, Domain category, Optional<Money> value, Optional<Event.ExchangeRate> rate,
      List<dev.compact.agreements.ItemLine> items, Optional<Event.Target> target, Optional<dev.compact.agreements.DeliveryScope> scope) {}

  private Support support(Map<String, NodeTuple> f, Node body) {
    PartyCode by = nodes.party(f, "by", body);
    Domain category = category(f, body);
    Optional<Money> value = nodes.money(f, "value");
    // The rate is read against the value, whose currency it must convert from.
    return new Support(by, category, value, support.rate(f, value), support.items(f), support.target(f, body), scope(f));
  }

  private Domain category(Map<String, NodeTuple> f, Node body) {
    return nodes.keyword(f, "category", body, Domain.class);
  }

  private int severity(Map<String, NodeTuple> f, Node body) {
    Optional<String> text = nodes.requiredText(f, "severity", body);
    try {
      int value = Integer.parseInt(text.orElse("1"));
      if (value < 1 || value > 5) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      nodes.error(ScenarioNodes.value(f, "severity"), "severity must be a whole number from 1 to 5", null);
      return 1;
    }
  }

  private List<Event.Evidence> evidence(Map<String, NodeTuple> f) {
    List<Event.Evidence> evidence = new ArrayList<>();
    for (Node node : nodes.list(f, "evidence")) {
      Map<String, NodeTuple> e = nodes.fields(node, Set.of("outlet", "link", "quotation", "time"), "evidence");
      Optional<Instant> time = e.containsKey("time") ? times.time(ScenarioNodes.value(e, "time")) : Optional.empty();
      evidence.add(new Event.Evidence(nodes.requiredText(e, "outlet", node).orElse(""), nodes.optionalText(e, "link").orElse(""),
          nodes.optionalText(e, "quotation").orElse(""), time));
    }
    return evidence;
  }
}
