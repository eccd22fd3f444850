package dev.compact.web;

import dev.compact.agreements.Classification;
import dev.compact.agreements.Keywords;
import dev.compact.commands.Command;
import dev.compact.engine.Event;
import dev.compact.service.CommandHandler;
import dev.compact.service.CompactCatalog;
import dev.compact.service.NotFound;
import dev.compact.service.RecordService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incidents: report one with its evidence, verify or reject it, request consultations, record the
 * meeting, and watch the consultation clock (convene, then decide) and the measures' fulfilment.
 */
@Controller
class IncidentController {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final RecordService record;
  private final CommandHandler commands;
  private final CompactCatalog catalog;
  private final Clock clock;
  private final DashboardAuth auth;

  IncidentController(RecordService record, CommandHandler commands, CompactCatalog catalog, Clock clock, DashboardAuth auth) {
    this.record = record;
    this.commands = commands;
    this.catalog = catalog;
    this.clock = clock;
    this.auth = auth;
  }

  @GetMapping("/incidents")
  String incidents(Model model, HttpServletRequest request) {
    model.addAttribute("incidents", record.queries(Readers.clearance(auth, request)).incidents().stream().map(i -> {
      Map<String, Object> row = Rows.of(i);
      row.put("reportedText", Format.instant(i.reportedAt()));
      return row;
    }).toList());
    model.addAttribute("kinds", Arrays.stream(Event.IncidentKind.values()).map(Keywords::of).toList());
    model.addAttribute("protectedParty", catalog.compact().protectedParty().value());
    model.addAttribute("aggressor", catalog.compact().aggressor().map(a -> a.value()).orElse(null));
    model.addAttribute("suggestedId", dev.compact.service.NewIds.random("inc-"));
    return "incidents";
  }

  @PostMapping("/incidents")
  String report(@RequestParam String id, @RequestParam String kind, @RequestParam String place, @RequestParam int severity,
      @RequestParam String reportedBy, @RequestParam(required = false) String attacker, @RequestParam(required = false) String outlet, @RequestParam(required = false) String link,
      @RequestParam(required = false) String quotation, @RequestParam(required = false) String classification,
      @RequestParam(required = false) String formKey, HttpServletRequest request) {
    auth.require(request);
    Command.ReportIncident command = FormCommands.incident(id, kind, place, severity, reportedBy, attacker, outlet, link, quotation);
    String incident = command.incident().value();
    // A form sent again is answered by its key before anything else; an id another page took is then a conflict,
    // named only if the writer may see the record that holds it.
    try {
      commands.handle(command, auth.require(request), Optional.empty(), FormCommands.key(formKey),
          dev.compact.service.Fields.classification(classification));
    } catch (dev.compact.store.ConcurrencyConflict e) {
      if (record.queries(Readers.clearance(auth, request)).incident(incident).isPresent()) {
        throw new IllegalArgumentException("an incident '" + incident + "' is already on the record; choose another id");
      }
      throw e;
    }
    return "redirect:/incidents/" + incident + "?done=reported";
  }

  @GetMapping("/incidents/{id}")
  String incident(@PathVariable String id, Model model, HttpServletRequest request) throws Exception {
    dev.compact.incidents.IncidentView incident = requireIncident(id, request);
    var queries = record.queries(Readers.clearance(auth, request));
    Instant now = clock.instant();
    Map<String, Object> view = Rows.of(incident);
    view.put("reportedText", Format.instant(incident.reportedAt()));
    view.put("decidedText", Format.instant(incident.decidedAt()));
    model.addAttribute("incident", view);
    model.addAttribute("evidence", evidence(incident.evidence()));
    List<Map<String, Object>> consultations = new ArrayList<>();
    for (dev.compact.consultations.ConsultationView c : queries.consultations()) {
      if (!id.equals(c.incidentId())) {
        continue;
      }
      String consultation = c.consultationId();
      Map<String, Object> cv = Rows.of(c);
      cv.put("requestedText", Format.instant(c.requestedAt()));
      cv.put("heldText", Format.instant(c.heldAt()));
      List<Map<String, Object>> duties = OverviewController.withCountdown(
          queries.norms(null, null, null, List.of(), null).stream()
              .filter(n -> consultation.equals(n.context())).toList(), now);
      cv.put("duties", duties);
      cv.put("measures", measures(c.measures()));
      for (String key : List.of("conveneDue", "conveneText", "conveneCountdown", "decideDue", "decideText", "decideCountdown")) {
        cv.put(key, null);
      }
      // The engine's deadlines, not the compact's defaults: a clause may set its own clock.
      deadline(duties, dev.compact.agreements.Fulfilment.CONSULTATION_HELD).ifPresent(due -> {
        cv.put("conveneDue", due.toString());
        cv.put("conveneText", Format.instant(due));
        cv.put("conveneCountdown", Format.countdown(now, due));
      });
      deadline(duties, dev.compact.agreements.Fulfilment.MEASURES_DECIDED).ifPresent(due -> {
        cv.put("decideDue", due.toString());
        cv.put("decideText", Format.instant(due));
        cv.put("decideCountdown", Format.countdown(now, due));
      });
      consultations.add(cv);
    }
    model.addAttribute("consultations", consultations);
    model.addAttribute("protectedParty", catalog.compact().protectedParty().value());
    model.addAttribute("guarantors", catalog.compact().guarantors().stream().map(g -> g.party().value()).toList());
    model.addAttribute("suggestedConsultation", dev.compact.service.NewIds.random("cons-"));
    return "incident";
  }

  /**
   * The soonest deadline the engine set for a consultation's duties fulfilled in this way (meeting,
   * or deciding measures), read from the norm instances themselves.
   */
  private Optional<Instant> deadline(List<Map<String, Object>> duties, dev.compact.agreements.Fulfilment fulfilment) {
    return duties.stream().filter(d -> d.get("dueAt") != null).filter(d -> fulfilledBy(d).filter(f -> f == fulfilment).isPresent())
        .map(d -> Instant.parse(String.valueOf(d.get("dueAt")))).min(Instant::compareTo);
  }

  private Optional<dev.compact.agreements.Fulfilment> fulfilledBy(Map<String, Object> instance) {
    return catalog.fullCompact().agreement(new dev.compact.agreements.AgreementId(String.valueOf(instance.get("agreementId"))))
        .flatMap(a -> a.clause(new dev.compact.agreements.ClauseId(String.valueOf(instance.get("clauseId")))))
        .map(clause -> clause.norm() instanceof dev.compact.agreements.Norm.Obligation o ? o.fulfilledBy() : null);
  }

  @PostMapping("/incidents/{id}/verify")
  String verify(@PathVariable String id, @RequestParam String by, @RequestParam(required = false) String formKey, HttpServletRequest request) {
    auth.require(request);
    requireIncident(id, request);
    commands.handle(FormCommands.verify(id, by), auth.require(request), Optional.empty(), FormCommands.key(formKey), Classification.PUBLIC);
    return "redirect:/incidents/" + id + "?done=verified";
  }

  @PostMapping("/incidents/{id}/reject")
  String reject(@PathVariable String id, @RequestParam String by, @RequestParam String reason, @RequestParam(required = false) String formKey,
      HttpServletRequest request) {
    auth.require(request);
    requireIncident(id, request);
    commands.handle(FormCommands.reject(id, by, reason), auth.require(request), Optional.empty(), FormCommands.key(formKey),
        Classification.PUBLIC);
    return "redirect:/incidents/" + id + "?done=rejected";
  }

  @PostMapping("/incidents/{id}/consultations")
  String requestConsultation(@PathVariable String id, @RequestParam String consultation, @RequestParam String requestedBy,
      @RequestParam(required = false) String classification, @RequestParam(required = false) String formKey, HttpServletRequest request) {
    auth.require(request);
    requireIncident(id, request);
    Command.RequestConsultation command = FormCommands.consultation(consultation, requestedBy, id);
    try {
      commands.handle(command, auth.require(request), Optional.empty(), FormCommands.key(formKey),
          dev.compact.service.Fields.classification(classification));
    } catch (dev.compact.store.ConcurrencyConflict e) {
      if (record.queries(Readers.clearance(auth, request)).consultation(command.consultation().value()).isPresent()) {
        throw new IllegalArgumentException("a consultation '" + command.consultation().value() + "' is already on the record; choose another id");
      }
      throw e;
    }
    return "redirect:/incidents/" + id + "?done=requested";
  }

  @PostMapping("/consultations/{id}/held")
  String held(@PathVariable String id, @RequestParam(required = false) List<String> attended, @RequestParam(required = false) String level,
      @RequestParam(required = false) String formKey, HttpServletRequest request) {
    auth.require(request);
    dev.compact.consultations.ConsultationView consultation = record.queries(Readers.clearance(auth, request)).consultation(id)
        .orElseThrow(() -> new NotFound("no consultation '" + id + "'"));
    commands.handle(FormCommands.held(id, attended, level), auth.require(request), Optional.empty(), FormCommands.key(formKey),
        Classification.PUBLIC);
    String incident = consultation.incidentId();
    return incident == null ? "redirect:/obligations?done=held" : "redirect:/incidents/" + incident + "?done=held";
  }

  private dev.compact.incidents.IncidentView requireIncident(String id, HttpServletRequest request) {
    return record.queries(Readers.clearance(auth, request)).incident(id).orElseThrow(() -> new NotFound("no incident '" + id + "'"));
  }

  record EvidenceView(String outlet, String link, String quotation, String time) {}

  /** The evidence column holds the events' evidence list as JSON; only http(s) links become links. */
  static List<EvidenceView> evidence(String json) {
    List<EvidenceView> out = new ArrayList<>();
    if (json == null || json.isBlank() || json.equals("null")) {
      return out;
    }
    for (JsonNode e : JSON.readTree(json)) {
      String link = text(e, "link");
      out.add(new EvidenceView(text(e, "outlet"), link.startsWith("https://") || link.startsWith("http://") ? link : "", text(e, "quotation"),
          text(e, "time")));
    }
    return out;
  }

  record MeasureView(String id, String obligor, String action, String domain, String within) {}

  record Measures(List<MeasureView> measures, String agreed, String objections) {}

  static Measures measures(String json) {
    List<MeasureView> out = new ArrayList<>();
    if (json == null || json.isBlank() || json.equals("[]") || json.equals("null")) {
      return new Measures(out, "", "");
    }
    // Every decision recorded, in order (an array); a read model written before held the latest one alone.
    JsonNode root = JSON.readTree(json);
    List<String> agreed = new ArrayList<>();
    List<String> objections = new ArrayList<>();
    for (JsonNode decision : root.isArray() ? root : JSON.createArrayNode().add(root)) {
      for (JsonNode m : decision.path("measures")) {
        out.add(new MeasureView(text(m, "id"), text(m, "obligor"), text(m, "action"), text(m, "domain"), text(m, "within")));
      }
      agreed.add(join(decision.path("agreed")));
      objections.add(join(decision.path("objections")));
    }
    return new Measures(out, String.join("; ", agreed.stream().filter(a -> !a.isEmpty()).toList()),
        String.join("; ", objections.stream().filter(o -> !o.isEmpty()).toList()));
  }

  private static String join(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return String.join(", ", values);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.isValueNode() ? value.asString() : value.toString();
  }
}
