package dev.compact.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.compact.agreements.Agreement;
import dev.compact.agreements.AgreementParser;
import dev.compact.agreements.AgreementRenderer;
import dev.compact.agreements.Clause;
import dev.compact.agreements.Compact;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.SourceFile;
import dev.compact.service.CompactCatalog;
import dev.compact.service.InvalidInput;
import dev.compact.service.VersionView;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The compact and its agreements: read them, render them, check a new version. */
@RestController
@RequestMapping("/api")
class AgreementsController {
  private final CompactCatalog catalog;
  private final dev.compact.service.RecordService record;
  private final boolean demonstration;

  AgreementsController(CompactCatalog catalog, dev.compact.service.RecordService record,
      @org.springframework.beans.factory.annotation.Value("${compact.demonstration:false}") boolean demonstration) {
    this.catalog = catalog;
    this.record = record;
    this.demonstration = demonstration;
  }

  record GuarantorView(String party, String name, String tier) {}

  record AgreementSummary(String id, String title, List<String> parties, String beneficiary, String binding, String status,
      String signed, String inForce, String expires, int norms, String versionHash) {}

  record CompactView(String id, String title, String protectedParty, List<GuarantorView> guarantors, ResponseDefaults response,
      List<AgreementSummary> agreements,
      @io.swagger.v3.oas.annotations.media.Schema(description = "True when the record is a demonstration (compact.demonstration, as"
          + " ./compact demo serves its replayed history): it mixes real and invented facts, and its breaches and shortfalls are no"
          + " finding about any state. Every API answer of such a record also carries the header Compact-Demonstration: true.")
      boolean demonstration) {}

  /**
   * The compact's default response to an incident: when consultations convene and decide (the clause
   * text, absent when the compact sets none) and how they decide.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ResponseDefaults(String convene, String decide, String decision) {}

  record ClauseView(String id, String title, String kind, String who, String what, String howMuch, String byWhen, String anchor) {}

  record AgreementView(AgreementSummary summary, List<ClauseView> clauses) {}

  record CheckResult(boolean valid, String id, int norms, String versionHash, List<Problems.DiagnosticView> diagnostics) {}

  @GetMapping("/compact")
  CompactView compact() {
    Compact compact = catalog.compact();
    ResponseDefaults response = new ResponseDefaults(compact.defaults().convene().map(d -> d.text()).orElse(null),
        compact.defaults().decide().map(d -> d.text()).orElse(null), Keywords.of(compact.defaults().decision()));
    return new CompactView(compact.id(), compact.title(), compact.protectedParty().value(),
        compact.guarantors().stream().map(g -> new GuarantorView(g.party().value(), g.party().displayName(), Keywords.of(g.tier()))).toList(),
        response, catalog.agreements().stream().map(AgreementsController::summary).toList(), demonstration);
  }

  @GetMapping("/agreements")
  List<AgreementSummary> agreements() {
    return catalog.agreements().stream().map(AgreementsController::summary).toList();
  }

  /** The agreement as this reader may see it: restricted clauses only for cleared accounts. */
  private Agreement visible(String id, jakarta.servlet.http.HttpServletRequest request) {
    return catalog.agreement(id, ApiAuthentication.clearance(request));
  }

  @GetMapping("/agreements/{id}")
  AgreementView agreement(@PathVariable String id, jakarta.servlet.http.HttpServletRequest request) {
    Agreement agreement = visible(id, request);
    return new AgreementView(summary(agreement), agreement.clauses().stream().map(AgreementsController::clause).toList());
  }

  @GetMapping("/agreements/{id}/render")
  ResponseEntity<String> render(@PathVariable String id, @RequestParam(defaultValue = "html") String format,
      jakarta.servlet.http.HttpServletRequest request) {
    Agreement agreement = visible(id, request);
    return switch (format) {
      case "html" -> ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(AgreementRenderer.html(agreement));
      case "text" -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(AgreementRenderer.text(agreement));
      default -> throw new IllegalArgumentException("unknown format '" + format + "'; use html or text");
    };
  }

  /** Checks an agreement version sent as its Markdown text; a version with errors is a 422 with the diagnostics. */
  @PostMapping(path = "/agreements/check", consumes = {"text/markdown", MediaType.TEXT_PLAIN_VALUE})
  CheckResult check(@RequestBody String text, @RequestParam(defaultValue = "agreement.md") String path) {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile(path, text));
    if (parsed.value().isEmpty()) {
      throw new InvalidInput("the agreement has " + parsed.errors().size() + " error(s)", parsed.diagnostics());
    }
    Agreement agreement = parsed.value().get();
    return new CheckResult(true, agreement.id().value(), agreement.clauses().size(), agreement.versionHash().hex(),
        Problems.diagnostics(parsed.diagnostics()));
  }

  /** The versions of an agreement: the one served (loaded at start, null if none) and those registered, oldest first. */
  record VersionsView(String agreement, String servedVersion, List<VersionView> registered) {}

  record VersionRegistered(String id, String versionHash, int norms, long seq, String hash, List<Problems.DiagnosticView> diagnostics) {}

  /**
   * Registers a new version of an agreement in the record: checked first (422 with diagnostics if it
   * has errors), then appended with its full text, so that the version parties sign is on the chain.
   */
  @PostMapping(path = "/agreements/{id}/versions", consumes = {"text/markdown", MediaType.TEXT_PLAIN_VALUE})
  ResponseEntity<VersionRegistered> registerVersion(@PathVariable String id, @RequestBody String text,
      @org.springframework.web.bind.annotation.RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    dev.compact.access.Actor actor = ApiAuthentication.actor(request);
    var verdict = dev.compact.access.Permissions.registerVersion(actor.roles());
    if (!verdict.allowed()) {
      throw new dev.compact.access.Forbidden(actor.name() + ": " + verdict.reason());
    }
    String path = id + ".md";
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile(path, text));
    if (parsed.value().isEmpty()) {
      throw new InvalidInput("the agreement has " + parsed.errors().size() + " error(s)", parsed.diagnostics());
    }
    Agreement agreement = parsed.value().get();
    if (!agreement.id().value().equals(id)) {
      throw new IllegalArgumentException("the file's id is '" + agreement.id() + "', but it was sent as a version of '" + id + "'");
    }
    var stored = record.registrations().registerVersion(new dev.compact.service.Registrations.VersionRegistered(id, path, text,
        agreement.versionHash().hex(), agreement.title(), agreement.clauses().size()), java.util.Optional.ofNullable(key), actor).getFirst();
    return ResponseEntity.status(201).body(new VersionRegistered(id, agreement.versionHash().hex(), agreement.clauses().size(),
        stored.seq(), stored.hash(), Problems.diagnostics(parsed.diagnostics())));
  }

  /** The versions registered in the record, oldest first; the served version is the one loaded at start. */
  @GetMapping("/agreements/{id}/versions")
  VersionsView versions(@PathVariable String id, jakarta.servlet.http.HttpServletRequest request) {
    String served = catalog.agreements().stream().filter(a -> a.id().value().equals(id)).findFirst()
        .map(a -> a.versionHash().hex()).orElse(null);
    List<VersionView> registered = record.queries().versions(id);
    if (ApiAuthentication.clearance(request) != dev.compact.access.Clearance.SECRET) {
      // The count is of every clause in the registered text: compared with the public one, it would
      // tell how many are classified.
      registered = registered.stream().map(VersionView::withoutNormCount).toList();
    }
    if (served == null && registered.isEmpty()) {
      throw new dev.compact.service.NotFound("no agreement '" + id + "'");
    }
    return new VersionsView(id, served, registered);
  }

  static AgreementSummary summary(Agreement a) {
    return new AgreementSummary(a.id().value(), a.title(), a.parties().stream().map(PartyCode::value).toList(), a.beneficiary().value(),
        Keywords.of(a.binding()), Keywords.of(a.lifecycle().status()), a.lifecycle().signed().map(Object::toString).orElse(null),
        a.lifecycle().inForce().map(Object::toString).orElse(null),
        a.term().expires(a.lifecycle().inForce()).map(Object::toString).orElse(null), a.clauses().size(), a.versionHash().hex());
  }

  static ClauseView clause(Clause c) {
    AgreementRenderer.Summary s = AgreementRenderer.summary(c);
    return new ClauseView(c.id().value(), c.title(), Keywords.of(c.norm().kind()), s.who(), s.what(), s.howMuch(), s.byWhen(),
        AgreementRenderer.anchor(c));
  }
}
