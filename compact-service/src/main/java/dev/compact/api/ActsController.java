package dev.compact.api;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.AgreementId;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.Precondition;
import dev.compact.agreements.ProhibitedAction;
import dev.compact.commands.Command;
import dev.compact.engine.Event;
import dev.compact.service.CompactCatalog;
import dev.compact.service.Fields;
import dev.compact.service.NotFound;
import dev.compact.service.RecordService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Writes the acts no incident makes: a commitment's condition precedent met, an agreement extended,
 * snapback invoked, compensation paid, a party's change of status, an act a prohibition may forbid.
 * Each is a command through the one command handler, with {@code Idempotency-Key} and
 * {@code If-Match} as every write; who may record each is {@code Permissions}'.
 */
@RestController
@RequestMapping("/api")
class ActsController {
  private final CommandWrites writes;
  private final CompactCatalog catalog;
  private final RecordService record;

  ActsController(CommandWrites writes, CompactCatalog catalog, RecordService record) {
    this.writes = writes;
    this.catalog = catalog;
    this.record = record;
  }

  /** {@code condition}: appropriation, parliamentary-approval or ratification; {@code by}: the party whose commitment it is. */
  record ConditionMetInput(String clause, String condition, String by, String occurredAt) {}

  /** A condition precedent of one of {@code by}'s commitments in the agreement is met (its parliament approved, its funds were appropriated). */
  @PostMapping("/agreements/{id}/conditions-met")
  ResponseEntity<RecordController.Recorded> conditionMet(@PathVariable String id, @RequestBody ConditionMetInput body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
    Agreement agreement = catalog.agreement(id, ApiAuthentication.clearance(request));
    String clause = Fields.id(body.clause(), "clause");
    Precondition condition = Fields.keyword(Precondition.class, body.condition(), "condition");
    var norm = agreement.clause(new ClauseId(clause)).orElseThrow(() -> new NotFound("no clause '" + clause + "' in agreement '" + id + "'"))
        .norm();
    if (!(norm instanceof Norm.Commitment commitment) || !commitment.subjectTo().contains(condition)) {
      throw new IllegalArgumentException("'" + clause + "' of " + id + " is not a commitment subject to " + body.condition()
          + ": nothing waits for that condition there");
    }
    return writes.write(new Command.MeetCondition(Fields.party(body.by(), "by"), new Event.Target.Clause(new AgreementId(id), new ClauseId(clause)),
        condition, CommandWrites.at(body.occurredAt())), key, request);
  }

  /** {@code agreedBy}: every party that joined the mutual decision; {@code by}: the party that records it; {@code years}: 1 to 100. */
  record ExtensionInput(String by, List<String> agreedBy, Integer years, String occurredAt) {}

  /** The parties extend an agreement by mutual decision; the engine applies it only if the agreement provides for it and every party joined. */
  @PostMapping("/agreements/{id}/extensions")
  ResponseEntity<RecordController.Recorded> extension(@PathVariable String id, @RequestBody ExtensionInput body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
    catalog.agreement(id, ApiAuthentication.clearance(request));
    if (body.years() == null) {
      throw new IllegalArgumentException("'years' is required: a whole number from 1 to 100");
    }
    return writes.write(new Command.ExtendAgreement(new AgreementId(id), Fields.party(body.by(), "by"), Fields.parties(body.agreedBy(), "agreedBy"),
        body.years(), CommandWrites.at(body.occurredAt())), key, request);
  }

  /** {@code incident}: the incident that prompted it, if any. */
  record SnapbackInput(String by, String incident, String occurredAt) {}

  /** A party invokes snapback: sanctions eased or lifted are to be re-imposed, if an agreement in force grants it the power. */
  @PostMapping("/snapback")
  ResponseEntity<RecordController.Recorded> snapback(@RequestBody SnapbackInput body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
    Optional<Event.IncidentId> incident = Optional.empty();
    if (body.incident() != null && !body.incident().isBlank()) {
      String id = body.incident();
      record.queries(ApiAuthentication.clearance(request)).incident(id).orElseThrow(() -> new NotFound("no incident '" + id + "'"));
      incident = Optional.of(new Event.IncidentId(id));
    }
    return writes.write(new Command.InvokeSnapback(Fields.party(body.by(), "by"), incident, CommandWrites.at(body.occurredAt())), key, request);
  }

  /** Running totals in one currency: what the aggressor {@code by} has paid of the damage {@code assessed}, per {@code source}. */
  record CompensationInput(String by, Fields.MoneyInput paid, Fields.MoneyInput assessed, String source, String occurredAt) {}

  /** What the aggressor has paid towards the damage assessed; conditions read the share as {@code aggressor.compensated_share}. */
  @PostMapping("/compensation")
  ResponseEntity<RecordController.Recorded> compensation(@RequestBody CompensationInput body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
    var paid = Fields.money(Fields.present(body.paid(), "paid"), "paid").orElseThrow();
    var assessed = Fields.money(Fields.present(body.assessed(), "assessed"), "assessed").orElseThrow();
    return writes.write(new Command.RecordCompensation(Fields.party(body.by(), "by"), paid, assessed, Fields.required(body.source(), "source"),
        CommandWrites.at(body.occurredAt())), key, request);
  }

  /** {@code status}: nato-member, eu-member, or of the aggressor aggression-ended, non-repetition-guaranteed, damage-compensated; {@code value}: true when left out. */
  record StatusInput(String status, Boolean value, String occurredAt) {}

  /** A party's standing changes; a membership by the party's desk or the secretariat, what describes the aggressor by the secretariat only. */
  @PostMapping("/parties/{party}/status")
  ResponseEntity<RecordController.Recorded> status(@PathVariable String party, @RequestBody StatusInput body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
    PartyCode code = Fields.party(party, "party");
    return writes.write(new Command.ChangePartyStatus(code, Fields.keyword(Event.PartyStatus.class, body.status(), "status"),
        body.value() == null || body.value(), CommandWrites.at(body.occurredAt())), key, request);
  }

  /** {@code act}: what was done (join-alliance, exceed-force-cap, release-frozen-assets, ...); {@code quantity}: the figure reported, for a cap. */
  record ReportedActInput(String by, String act, Long quantity, String detail, String occurredAt) {}

  /** An act a prohibition may forbid, reported by the party that did it or by the secretariat. */
  @PostMapping("/acts")
  ResponseEntity<RecordController.Recorded> act(@RequestBody ReportedActInput body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
      HttpServletRequest request) {
    return writes.write(new Command.ReportAct(Fields.party(body.by(), "by"), Fields.keyword(ProhibitedAction.class, body.act(), "act"),
        Optional.ofNullable(body.quantity()), body.detail() == null ? "" : Fields.limited(body.detail(), "detail"),
        CommandWrites.at(body.occurredAt())), key, request);
  }
}
