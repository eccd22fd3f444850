package dev.compact.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.compact.access.Clearance;
import dev.compact.agreements.Classification;
import dev.compact.agreements.PartyCode;
import dev.compact.commands.Command;
import dev.compact.packages.Designation;
import dev.compact.packages.Measure;
import dev.compact.packages.MeasureKind;
import dev.compact.packages.Register;
import dev.compact.packages.SanctionsPackage;
import dev.compact.sanctionsregister.PackageRegister;
import dev.compact.service.CommandHandler;
import dev.compact.service.Fields;
import dev.compact.service.NotFound;
import dev.compact.text.Shown;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sanctions packages as legal acts: recording one (its issuing party's desk or the secretariat), acts
 * on it (proposed, adopted, blocked, eased, lifted, re-imposed: the acting guarantor's desk), and
 * reading the register (public). Writes go through the one command handler, with Idempotency-Key.
 */
@RestController
@RequestMapping("/api/sanctions/packages")
class PackagesApiController {
  private final CommandHandler commands;
  private final PackageRegister register;

  PackagesApiController(CommandHandler commands, PackageRegister register) {
    this.commands = commands;
    this.register = register;
  }

  /** A measure of a package: {@code kind} one of asset-freeze, travel-ban, sectoral, trade, financial, price-cap, transport, other. */
  record MeasureInput(String kind, String text, String from) {}

  /** A designation: {@code list} (a list source such as ofac) and {@code entry} (the entry's id in it) link it to a list entry. */
  record DesignationInput(String id, String name, String list, String entry) {}

  /** A package as a legal act; {@code sources} gives a source for every fact stated, keyed by the fact (adopted, legal-acts, ...). */
  record PackageInput(String id, String issuer, String title, List<String> legalActs, String adopted, String inForce,
      List<MeasureInput> measures, List<DesignationInput> designations, Integer designationCount, String vote, String renewal,
      Map<String, String> sources, String occurredAt) {}

  /** An act on a package: {@code action} one of propose, adopt, block, ease, lift, reimpose; {@code blockedBy} for block. */
  record ActInput(String action, String by, List<String> blockedBy, String reason, String occurredAt) {}

  record MeasureView(String kind, String text, String from) {}

  /**
   * An act on a package. {@code seq}, its place in the log, goes to readers cleared for secret only (left out of the
   * JSON below): the gaps between the numbers of public acts would count the classified events recorded between them.
   */
  record ActView(@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long seq, Instant at, String kind, String by, String designation, List<String> blockedBy, String text) {}

  /** A guarantor's standing on the package on the service's today: {@code status} its latest act, {@code text} in words. */
  record StandingView(String party, String status, boolean inForce, List<String> blockedBy, String text, ActView act) {}

  /** Where a designation stands for one guarantor (the issuer or one that adopted the package), by its own acts. */
  record DesignationStateView(String party, String state, boolean inForce, ActView act) {}

  /**
   * A designation and its state (listed, lifted, re-imposed) as the issuer's listing holds it, with the act that put it
   * there; {@code inForceFor} the guarantors for which it is in force on the service's today, and {@code states} each
   * guarantor's own (a guarantor that adopted the package lifts a designation for itself only).
   */
  record DesignationView(String id, String name, String list, String entry, String state, ActView act, List<String> inForceFor,
      List<DesignationStateView> states) {}

  /** A package in the register. Fields the issuer did not state are null; {@code terms} is false when only acts name it. */
  record PackageView(String id, String issuer, String title, boolean terms, List<String> legalActs, String adopted, String inForce,
      List<MeasureView> measures, Integer designationCount, String vote, String renewal, Map<String, String> sources,
      List<StandingView> adoption, List<DesignationView> designations, List<ActView> acts) {}

  @Operation(summary = "Record a sanctions package as a legal act",
      description = "Issuer, title, legal acts, dates (YYYY-MM-DD), measures, designations (optionally linked to list entries), the"
          + " designation count, vote and renewal date where known, and a source for every fact stated (422 otherwise). Recording the"
          + " same id again amends its terms. The issuing party's desk or the secretariat. Adoption is a separate act"
          + " (POST /api/sanctions/packages/{id}/acts).")
  @PostMapping
  ResponseEntity<RecordController.Recorded> record(@RequestBody PackageInput body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
    Fields.present(body, "body");
    String id = Fields.id(body.id(), "id");
    PartyCode issuer = Fields.party(body.issuer(), "issuer");
    List<Measure> measures = new ArrayList<>();
    for (MeasureInput m : body.measures() == null ? List.<MeasureInput>of() : body.measures()) {
      Fields.present(m, "measures");
      measures.add(new Measure(Fields.keyword(MeasureKind.class, m.kind(), "measures.kind"), m.text() == null ? "" : Fields.limited(m.text(),
          "measures.text"), date(m.from(), "measures.from")));
    }
    List<Designation> designations = new ArrayList<>();
    for (DesignationInput d : body.designations() == null ? List.<DesignationInput>of() : body.designations()) {
      Fields.present(d, "designations");
      designations.add(new Designation(Fields.id(d.id(), "designations.id"), d.name() == null ? "" : Fields.limited(d.name(), "designations.name"),
          Optional.ofNullable(d.list()).filter(s -> !s.isBlank()).map(s -> Fields.id(s, "designations.list")),
          Optional.ofNullable(d.entry()).filter(s -> !s.isBlank()).map(s -> Fields.limited(s, "designations.entry"))));
    }
    List<String> acts = new ArrayList<>();
    for (String act : body.legalActs() == null ? List.<String>of() : body.legalActs()) {
      acts.add(Fields.required(Fields.present(act, "legalActs"), "legalActs"));
    }
    Map<String, String> sources = new LinkedHashMap<>();
    (body.sources() == null ? Map.<String, String>of() : body.sources())
        .forEach((fact, source) -> sources.put(fact, Fields.required(source, "sources." + fact)));
    SanctionsPackage terms = new SanctionsPackage(Fields.required(body.title(), "title"), acts, date(body.adopted(), "adopted"),
        date(body.inForce(), "inForce"), measures, designations, Optional.ofNullable(body.designationCount()),
        Optional.ofNullable(body.vote()).filter(v -> !v.isBlank()).map(v -> Fields.limited(v, "vote")), date(body.renewal(), "renewal"),
        sources);
    // The first terms create the package (201), amended ones are 200. Acts may name a package before its terms, so
    // its stream's version says nothing of this; the register does: is this write the one that first recorded terms?
    return CommandWrites.write(commands, new Command.RecordPackage(id, issuer, terms, Fields.optionalInstant(body.occurredAt(),
        "occurredAt")), key, request, Classification.PUBLIC, stored -> register.get(id).flatMap(Register.Entry::firstTerms)
        .filter(first -> first.seq() == stored.getFirst().seq()).isPresent());
  }

  @Operation(summary = "An act on a sanctions package",
      description = "propose, adopt, block (with blockedBy: the parties that blocked it, and a reason), ease (in part), lift (in full) or"
          + " reimpose, by a guarantor (its desk; a block may also be recorded by the secretariat). Easing or lifting while the"
          + " guarantor's sanctions lock holds breaches the lock. Lifting one designation: POST /api/sanctions/{pkg}/designations/{id}.")
  @PostMapping("/{id}/acts")
  ResponseEntity<RecordController.Recorded> act(@PathVariable String id, @RequestBody ActInput body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
    Fields.present(body, "body");
    String pkg = Fields.id(id, "package");
    PartyCode by = Fields.party(body.by(), "by");
    Optional<Instant> at = Fields.optionalInstant(body.occurredAt(), "occurredAt");
    String action = Fields.required(body.action(), "action");
    Command command = action.equals("block")
        ? new Command.BlockSanctions(pkg, by, Fields.parties(body.blockedBy(), "blockedBy"),
            body.reason() == null ? "" : Fields.limited(body.reason(), "reason"), at)
        : new Command.ActOnSanctions(pkg, actOf(action), by, at);
    return CommandWrites.write(commands, command, key, request, Classification.PUBLIC);
  }

  @Operation(summary = "The sanctions packages in the register",
      description = "Every package the record names, with its terms and each guarantor's standing on the service's today. 'issuer'"
          + " keeps those of one issuing party.")
  @GetMapping
  List<PackageView> packages(@RequestParam(required = false) String issuer, HttpServletRequest request) {
    LocalDate today = register.today();
    boolean sequence = showsSequence(request);
    return register.packages().stream().filter(p -> issuer == null || p.issuer().map(PartyCode::value).filter(issuer::equals).isPresent())
        .map(p -> view(p, today, sequence)).toList();
  }

  @Operation(summary = "One sanctions package: its terms, adoption per guarantor, designations with their state, and every act on it")
  @GetMapping("/{id}")
  PackageView get(@PathVariable String id, HttpServletRequest request) {
    boolean sequence = showsSequence(request);
    return register.get(id).map(p -> view(p, register.today(), sequence))
        .orElseThrow(() -> new NotFound("no sanctions package '" + id + "' in the record; GET /api/sanctions/packages lists them"));
  }

  private static Command.SanctionsAct actOf(String action) {
    return Fields.keyword(Command.SanctionsAct.class, action, "action");
  }

  /** Whether the reader is given the log's sequence numbers: only when cleared for secret, as on every other route. */
  private static boolean showsSequence(HttpServletRequest request) {
    return ApiAuthentication.clearance(request) == Clearance.SECRET;
  }

  static PackageView view(Register.Entry p, LocalDate today, boolean sequence) {
    Optional<SanctionsPackage> t = p.terms();
    return new PackageView(p.id(), p.issuer().map(PartyCode::value).orElse(null), p.title(), t.isPresent(),
        t.map(SanctionsPackage::legalActs).orElse(List.of()), t.flatMap(SanctionsPackage::adopted).map(LocalDate::toString).orElse(null),
        t.flatMap(SanctionsPackage::inForce).map(LocalDate::toString).orElse(null),
        t.map(x -> x.measures().stream().map(m -> new MeasureView(m.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
            m.text(), m.from().map(LocalDate::toString).orElse(null))).toList()).orElse(List.of()),
        t.flatMap(SanctionsPackage::designationCount).orElse(null), t.flatMap(SanctionsPackage::vote).orElse(null),
        t.flatMap(SanctionsPackage::renewal).map(LocalDate::toString).orElse(null), t.map(SanctionsPackage::sources).orElse(Map.of()),
        p.standings().stream().map(s -> new StandingView(s.party().value(), s.status().keyword(), p.inForce(s, today),
            s.blockedBy().stream().map(PartyCode::value).toList(), p.describe(s, today), act(s.act(), sequence))).toList(),
        p.designations().stream().map(d -> designation(p, d, today, sequence)).toList(),
        p.acts().stream().map(a -> act(a, sequence)).toList());
  }

  private static DesignationView designation(Register.Entry p, Register.DesignationStatus d, LocalDate today, boolean sequence) {
    List<PartyCode> inForce = p.inForceFor(d, today);
    return new DesignationView(d.id(), d.listing().map(Designation::name).orElse(""), d.listing().flatMap(Designation::list).orElse(null),
        d.listing().flatMap(Designation::entry).orElse(null), d.state().keyword(), d.act().map(a -> act(a, sequence)).orElse(null),
        inForce.stream().map(PartyCode::value).toList(), d.states().stream().map(s -> new DesignationStateView(s.party().value(),
            s.state().keyword(), inForce.contains(s.party()), s.act().map(a -> act(a, sequence)).orElse(null))).toList());
  }

  static ActView act(Register.Act a, boolean sequence) {
    return new ActView(sequence ? a.seq() : null, a.at(), a.kind(), a.by().value(), a.designation().orElse(null),
        a.blockedBy().stream().map(PartyCode::value).toList(), a.text());
  }

  private static Optional<LocalDate> date(String value, String field) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + field + "' must be a date, YYYY-MM-DD, not '" + Shown.value(value) + "'");
    }
  }
}
