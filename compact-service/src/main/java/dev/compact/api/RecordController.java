package dev.compact.api;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Boundary;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Domain;
import dev.compact.agreements.PartyCode;
import dev.compact.commands.Command;
import dev.compact.consultations.ConsultationView;
import dev.compact.engine.Event;
import dev.compact.incidents.IncidentView;
import dev.compact.ledger.SupportView;
import dev.compact.service.CompactCatalog;
import dev.compact.service.Fields;
import dev.compact.service.NewIds;
import dev.compact.service.NotFound;
import dev.compact.service.RecordService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Writes to the record: incidents, consultations, measures, support, lifecycle and sanctions. Each
 * POST takes an optional {@code Idempotency-Key}; a retry with the same key records nothing new.
 */
@RestController
@RequestMapping("/api")
class RecordController {
  private final RecordService record;
  private final CommandWrites writes;
  private final CompactCatalog catalog;

  RecordController(RecordService record, CommandWrites writes, CompactCatalog catalog) {
    this.record = record;
    this.writes = writes;
    this.catalog = catalog;
  }

  /** What a write recorded: the events with their place in their stream and their hash in the chain. */
  record Recorded(String stream, List<RecordedEvent> events) {}

  /**
   * One recorded event. Not the log's global sequence number: the gaps would count the events between
   * (a stream holds one classification, so its version counts only what this writer may see).
   */
  record RecordedEvent(String type, long streamVersion, Instant occurredAt, Instant recordedAt, String hash) {}

  // ---- incidents

  record EvidenceInput(String outlet, String link, String quotation, String time) {}

  /** {@code attacker}: the state the report names, if any; {@code location}: where it happened, for areas bounded by a line of control. */
  record IncidentReport(String id, String kind, String place, Integer severity, String reportedBy, String occurredAt, List<EvidenceInput> evidence,
      String classification, String attacker, LocationInput location) {}

  record LocationInput(Double lat, Double lon) {}

  record Decision(String by, String reason, String occurredAt) {}

  @PostMapping("/incidents")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<Recorded> reportIncident(@RequestBody IncidentReport body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    String id = body.id() == null || body.id().isBlank() ? NewIds.of("inc-", Optional.ofNullable(key), ApiAuthentication.actor(request))
        : Fields.id(body.id(), "id");
    if (body.severity() == null || body.severity() < 1 || body.severity() > 5) {
      throw new IllegalArgumentException("'severity' must be a whole number from 1 (minor) to 5 (large-scale)");
    }
    List<Event.Evidence> evidence = new ArrayList<>();
    for (EvidenceInput e : body.evidence() == null ? List.<EvidenceInput>of() : body.evidence()) {
      Fields.present(e, "evidence");
      evidence.add(new Event.Evidence(Fields.required(e.outlet(), "evidence.outlet"), e.link() == null ? "" : e.link(),
          e.quotation() == null ? "" : e.quotation(), Fields.optionalInstant(e.time(), "evidence.time")));
    }
    Event.IncidentKind kind = Fields.keyword(Event.IncidentKind.class, body.kind(), "kind");
    String place = Fields.place(body.place());
    PartyCode reportedBy = Fields.party(body.reportedBy(), "reportedBy");
    Optional<PartyCode> attacker = body.attacker() == null || body.attacker().isBlank() ? Optional.empty()
        : Optional.of(Fields.party(body.attacker(), "attacker"));
    Optional<dev.compact.agreements.Area.Point> location = Optional.empty();
    if (body.location() != null) {
      if (body.location().lat() == null || body.location().lon() == null || Math.abs(body.location().lat()) > 90
          || Math.abs(body.location().lon()) > 180) {
        throw new IllegalArgumentException("'location' must be {\"lat\": degrees from -90 to 90, \"lon\": degrees from -180 to 180}");
      }
      location = Optional.of(new dev.compact.agreements.Area.Point(body.location().lat(), body.location().lon()));
    }
    return write(new Command.ReportIncident(new Event.IncidentId(id), kind, place, body.severity(), reportedBy, evidence,
        at(body.occurredAt()), attacker, location), key, request, Fields.classification(body.classification()));
  }

  @PostMapping("/incidents/{id}/verify")
  ResponseEntity<Recorded> verifyIncident(@PathVariable String id, @RequestBody Decision body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    requireIncident(id, request);
    return write(new Command.VerifyIncident(new Event.IncidentId(id), Fields.party(body.by(), "by"), at(body.occurredAt())), key, request);
  }

  @PostMapping("/incidents/{id}/reject")
  ResponseEntity<Recorded> rejectIncident(@PathVariable String id, @RequestBody Decision body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    requireIncident(id, request);
    return write(new Command.RejectIncident(new Event.IncidentId(id), Fields.party(body.by(), "by"), Fields.required(body.reason(), "reason"),
        at(body.occurredAt())), key, request);
  }

  @GetMapping("/incidents")
  ResponseEntity<List<IncidentView>> incidents(@RequestParam(required = false) Integer limit,
      @RequestParam(required = false) Integer offset, jakarta.servlet.http.HttpServletRequest request) {
    var queries = record.queries(ApiAuthentication.clearance(request));
    return Paging.page(limit, offset, request, queries::incidents);
  }

  /** One incident; its ETag is the version of its stream, which a write about it may send back as If-Match. */
  @GetMapping("/incidents/{id}")
  ResponseEntity<IncidentView> incident(@PathVariable String id, jakarta.servlet.http.HttpServletRequest request) {
    long version = record.store().streamVersion("incident-" + id);
    return versioned(version, requireIncident(id, request));
  }

  /** The incident as this reader may see it; one they may not see answers exactly as one that does not exist. */
  private IncidentView requireIncident(String id, jakarta.servlet.http.HttpServletRequest request) {
    return record.queries(ApiAuthentication.clearance(request)).incident(id)
        .orElseThrow(() -> new NotFound("no incident '" + id + "'"));
  }

  // ---- consultations

  record ConsultationRequest(String id, String requestedBy, String incident, String occurredAt, String classification) {}

  /** {@code level}: officials, senior-officials, ministerial or leaders; optional, but a duty that names a level needs it. */
  record Held(List<String> attended, String occurredAt, String level) {}

  record MeasureInput(String id, String obligor, String action, String domain, Fields.MoneyInput amount, List<Fields.ItemInput> items,
      String within, String boundary) {}

  record MeasuresInput(List<MeasureInput> measures, List<String> agreed, List<String> objections, String occurredAt) {}

  @PostMapping("/consultations")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<Recorded> requestConsultation(@RequestBody ConsultationRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    String id = body.id() == null || body.id().isBlank() ? NewIds.of("cons-", Optional.ofNullable(key), ApiAuthentication.actor(request))
        : Fields.id(body.id(), "id");
    Optional<Event.IncidentId> incident = Optional.empty();
    if (body.incident() != null && !body.incident().isBlank()) {
      requireIncident(body.incident(), request);
      incident = Optional.of(new Event.IncidentId(body.incident()));
    }
    return write(new Command.RequestConsultation(new Event.ConsultationId(id), Fields.party(body.requestedBy(), "requestedBy"), incident,
        at(body.occurredAt())), key, request, Fields.classification(body.classification()));
  }

  @PostMapping("/consultations/{id}/held")
  ResponseEntity<Recorded> consultationHeld(@PathVariable String id, @RequestBody Held body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    requireConsultation(id, request);
    Optional<dev.compact.agreements.MeetingLevel> level = body.level() == null || body.level().isBlank() ? Optional.empty()
        : Optional.of(Fields.keyword(dev.compact.agreements.MeetingLevel.class, body.level(), "level"));
    return write(new Command.RecordMeeting(new Event.ConsultationId(id), Fields.parties(body.attended(), "attended"), at(body.occurredAt()),
        level), key, request);
  }

  @PostMapping("/consultations/{id}/measures")
  ResponseEntity<Recorded> measuresDecided(@PathVariable String id, @RequestBody MeasuresInput body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    requireConsultation(id, request);
    List<Event.Measure> measures = new ArrayList<>();
    for (MeasureInput m : body.measures() == null ? List.<MeasureInput>of() : body.measures()) {
      Fields.present(m, "measures");
      measures.add(new Event.Measure(Fields.id(m.id(), "measures.id"), Fields.party(m.obligor(), "measures.obligor"),
          Fields.required(m.action(), "measures.action"), Fields.keyword(Domain.class, m.domain(), "measures.domain"),
          Fields.money(m.amount(), "measures.amount"), Fields.items(m.items()), Fields.duration(m.within(), "measures.within"),
          m.boundary() == null ? Boundary.INCLUSIVE : Fields.keyword(Boundary.class, m.boundary(), "measures.boundary")));
    }
    return write(new Command.DecideMeasures(new Event.ConsultationId(id), measures, Fields.parties(body.agreed(), "agreed"),
        Fields.parties(body.objections(), "objections"), at(body.occurredAt())), key, request);
  }

  @GetMapping("/consultations")
  ResponseEntity<List<ConsultationView>> consultations(@RequestParam(required = false) Integer limit,
      @RequestParam(required = false) Integer offset, jakarta.servlet.http.HttpServletRequest request) {
    var queries = record.queries(ApiAuthentication.clearance(request));
    return Paging.page(limit, offset, request, queries::consultations);
  }

  /** One consultation; its ETag is the version of its stream. */
  @GetMapping("/consultations/{id}")
  ResponseEntity<ConsultationView> consultation(@PathVariable String id, jakarta.servlet.http.HttpServletRequest request) {
    long version = record.store().streamVersion("consultation-" + id);
    return versioned(version, requireConsultation(id, request));
  }

  /**
   * A record with its version as a strong ETag. Read before the row, so that a write in between
   * makes the ETag older than the row (a later If-Match then fails safe) and never newer. What a
   * reader is shown depends on their clearance, hence the Vary.
   */
  private static <T> ResponseEntity<T> versioned(long version, T body) {
    return ResponseEntity.ok().eTag("\"" + version + "\"").header("Vary", "Authorization, Cookie").body(body);
  }

  private ConsultationView requireConsultation(String id, jakarta.servlet.http.HttpServletRequest request) {
    return record.queries(ApiAuthentication.clearance(request)).consultation(id)
        .orElseThrow(() -> new NotFound("no consultation '" + id + "'"));
  }

  // ---- support

  record TargetInput(String agreement, String clause, String consultation, String measure) {}

  /** {@code scope}: {@code lethal} or {@code non-lethal}, when known; a commitment limited to one scope counts only that. */
  record SupportInput(String guarantor, String category, Fields.MoneyInput value, String rateCurrency, java.math.BigDecimal rate,
      List<Fields.ItemInput> items, TargetInput countsAgainst, String occurredAt, String classification, String scope) {}

  @PostMapping("/allocations")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<Recorded> allocation(@RequestBody SupportInput body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    return support(body, true, key, request);
  }

  @PostMapping("/deliveries")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<Recorded> delivery(@RequestBody SupportInput body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    return support(body, false, key, request);
  }

  private ResponseEntity<Recorded> support(SupportInput body, boolean allocation, String key, jakarta.servlet.http.HttpServletRequest request) {
    PartyCode guarantor = Fields.party(body.guarantor(), "guarantor");
    Optional<dev.compact.agreements.Money> value = Fields.money(body.value(), "value");
    List<dev.compact.agreements.ItemLine> items = Fields.items(body.items());
    Optional<Event.ExchangeRate> rate = Optional.empty();
    if (body.rate() != null) {
      if (body.rate().signum() <= 0 || body.rateCurrency() == null || !body.rateCurrency().matches("[A-Z]{3}")) {
        throw new IllegalArgumentException("'rate' must be positive and 'rateCurrency' an ISO 4217 code");
      }
      rate = Optional.of(new Event.ExchangeRate(body.rateCurrency(), Fields.amount(body.rate(), "rate")));
    }
    Optional<Event.Target> target = Optional.empty();
    TargetInput t = body.countsAgainst();
    if (t != null) {
      if (t.agreement() != null) {
        var agreement = catalog.agreement(t.agreement(), ApiAuthentication.clearance(request));
        if (t.clause() == null || agreement.clause(new ClauseId(t.clause())).isEmpty()) {
          throw new NotFound("no clause '" + t.clause() + "' in agreement '" + t.agreement() + "'");
        }
        target = Optional.of(new Event.Target.Clause(new AgreementId(t.agreement()), new ClauseId(t.clause())));
      } else if (t.consultation() != null) {
        requireConsultation(t.consultation(), request);
        target = Optional.of(new Event.Target.Measure(new Event.ConsultationId(t.consultation()), Fields.id(t.measure(), "countsAgainst.measure")));
      } else {
        throw new IllegalArgumentException("'countsAgainst' names an agreement and clause, or a consultation and measure");
      }
    }
    return write(new Command.RecordSupport(allocation ? Command.SupportKind.ALLOCATION : Command.SupportKind.DELIVERY, guarantor,
        Fields.domain(body.category()), value, rate, items, target, at(body.occurredAt()), scope(body.scope())), key, request,
        Fields.classification(body.classification()));
  }

  private static Optional<dev.compact.agreements.DeliveryScope> scope(String scope) {
    return scope == null || scope.isBlank() ? Optional.empty()
        : Optional.of(Fields.keyword(dev.compact.agreements.DeliveryScope.class, scope, "scope"));
  }

  @GetMapping("/support")
  ResponseEntity<List<SupportView>> support(@RequestParam(required = false) String guarantor,
      @RequestParam(required = false) String kind, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) Integer offset, jakarta.servlet.http.HttpServletRequest request) {
    var queries = record.queries(ApiAuthentication.clearance(request));
    String by = Filters.party(guarantor, "guarantor");
    String ofKind = Filters.supportKind(kind);
    return Paging.page(limit, offset, request, page -> queries.support(by, ofKind, page));
  }

  // ---- lifecycle and sanctions

  record LifecycleInput(String action, String party, String occurredAt) {}

  @PostMapping("/agreements/{id}/lifecycle")
  ResponseEntity<Recorded> lifecycle(@PathVariable String id, @RequestBody LifecycleInput body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    catalog.fullAgreement(id);
    Command.AgreementAct act = Fields.keyword(Command.AgreementAct.class, body.action(), "action");
    Optional<PartyCode> party = body.party() == null || act == Command.AgreementAct.ENTER_INTO_FORCE ? Optional.empty()
        : Optional.of(Fields.party(body.party(), "party"));
    return write(new Command.ActOnAgreement(new AgreementId(id), act, party, at(body.occurredAt())), key, request);
  }

  record SanctionsInput(String action, String by, String occurredAt) {}

  @PostMapping("/sanctions/{pkg}")
  ResponseEntity<Recorded> sanctions(@PathVariable String pkg, @RequestBody SanctionsInput body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    String id = Fields.id(pkg, "package");
    PartyCode by = Fields.party(body.by(), "by");
    return write(new Command.ActOnSanctions(id, Fields.keyword(Command.SanctionsAct.class, body.action(), "action"), by, at(body.occurredAt())),
        key, request);
  }

  record DesignationInput(String action, String by, String occurredAt) {}

  /** Lifting one designation of a package is an easing of it, as a sanctions lock reads it (docs/engine.md). */
  @PostMapping("/sanctions/{pkg}/designations/{designation}")
  ResponseEntity<Recorded> designation(@PathVariable String pkg, @PathVariable String designation, @RequestBody DesignationInput body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key, jakarta.servlet.http.HttpServletRequest request) {
    return write(new Command.ActOnDesignation(Fields.id(pkg, "package"), Fields.id(designation, "designation"),
        Fields.keyword(Command.DesignationAct.class, body.action(), "action"), Fields.party(body.by(), "by"), at(body.occurredAt())),
        key, request);
  }

  private ResponseEntity<Recorded> write(Command command, String key, jakarta.servlet.http.HttpServletRequest request) {
    return writes.write(command, key, request);
  }

  private ResponseEntity<Recorded> write(Command command, String key, jakarta.servlet.http.HttpServletRequest request,
      dev.compact.agreements.Classification classification) {
    return writes.write(command, key, request, classification);
  }

  /** When the client says the act took place, if it does. */
  private static Optional<Instant> at(String occurredAt) {
    return CommandWrites.at(occurredAt);
  }
}
