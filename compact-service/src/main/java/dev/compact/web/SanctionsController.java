package dev.compact.web;

import dev.compact.sanctions.ListDiff;
import dev.compact.sanctions.ListFormat;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctionsregister.ListVersion;
import dev.compact.sanctionsregister.ListVersions;
import dev.compact.service.NotFound;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Sanctions in the record: every recorded list version, and per version what it added, removed and
 * changed against the version recorded before it. Public, as the lists are.
 */
@Controller
class SanctionsController {
  /** Entries shown per kind on a version's page; the counts are always whole. */
  static final int SHOWN = 300;

  private final ListVersions versions;
  private final dev.compact.service.RecordService record;
  private final dev.compact.sanctionsregister.PackageRegister packages;
  private final DashboardAuth auth;

  SanctionsController(ListVersions versions, dev.compact.service.RecordService record, dev.compact.sanctionsregister.PackageRegister packages,
      DashboardAuth auth) {
    this.auth = auth;
    this.versions = versions;
    this.record = record;
    this.packages = packages;
  }

  /** A package in the list on /sanctions: its standing per guarantor in words. */
  record PackageRow(String id, String title, String issuer, String legalActs, String adopted, String standing, int designations) {}

  /** A guarantor's standing on a package, with the act behind it. */
  record StandingRow(String party, String text, boolean inForce, String at, String act) {}

  /** A designation with its state and the act that set it, and the list entry it became. */
  /** {@code inForceFor}: the guarantors for which the designation is in force today, each by its own acts, in words. */
  record DesignationRow(String id, String name, String entry, String state, String at, String act, String inForceFor) {}

  record MeasureRow(String kind, String text, String from) {}

  /** An act on the package; {@code seq}, its place in the log, for readers cleared for secret only (else null). */
  record ActRow(@org.jspecify.annotations.Nullable Long seq, String at, String text) {}

  record SourceRow(String fact, String source, boolean link) {}

  /** A guarantor's sanctions lock as the record has it, with what last moved it (an easing, a lifted designation, snapback). */
  record LockRow(String instanceKey, String obligor, String state, String since, String cause) {}

  record VersionRow(String source, String list, String hash, String shortHash, String inForceFrom, String issued, int entities,
      int added, int removed, int changed, String recordedAt, boolean first) {}

  record EntryRow(String id, String schema, String name, String identifiers, String programmes) {}

  record ChangeRow(String id, String name, List<String> fields) {}

  @GetMapping("/sanctions")
  String sanctions(Model model) {
    List<VersionRow> rows = versions.all().reversed().stream().map(SanctionsController::row).toList();
    model.addAttribute("versions", rows);
    // The public view: the locks are public clauses; a classified cause would not be shown here.
    dev.compact.service.Queries queries = record.queries();
    List<LockRow> locks = queries.norms(null, null, null, List.of("prohibition"), null).stream()
        .filter(n -> n.action().toLowerCase(Locale.ROOT).replace('-', ' ').contains("ease sanctions"))
        .map(n -> {
          List<dev.compact.service.TransitionView> history = queries.history(n.instanceKey());
          dev.compact.service.TransitionView last = history.isEmpty() ? null : history.getLast();
          return new LockRow(n.instanceKey(), n.obligor(), n.state(), last == null ? "" : last.at().toString(),
              last == null ? "" : last.cause());
        }).toList();
    model.addAttribute("locks", locks);
    java.time.LocalDate today = packages.today();
    model.addAttribute("packages", packages.packages().reversed().stream().map(p -> new PackageRow(p.id(), p.title(),
        p.issuer().map(dev.compact.agreements.PartyCode::value).orElse("—"),
        p.terms().map(t -> String.join("; ", t.legalActs())).orElse(""),
        p.terms().flatMap(dev.compact.packages.SanctionsPackage::adopted).map(Object::toString).orElse(""),
        p.standings().isEmpty() ? "no act recorded" : p.standings().stream().map(st -> st.party().value() + ": " + p.describe(st, today))
            .collect(Collectors.joining("; ")),
        p.designations().size())).toList());
    return "sanctions";
  }

  @GetMapping("/sanctions/packages/{id}")
  String sanctionsPackage(@PathVariable String id, Model model, jakarta.servlet.http.HttpServletRequest request) {
    dev.compact.packages.Register.Entry p = packages.get(id)
        .orElseThrow(() -> new NotFound("no sanctions package '" + id + "' in the record"));
    java.time.LocalDate today = packages.today();
    java.util.Optional<dev.compact.packages.SanctionsPackage> t = p.terms();
    model.addAttribute("p", p);
    model.addAttribute("issuer", p.issuer().map(dev.compact.agreements.PartyCode::value).orElse(""));
    model.addAttribute("today", today.toString());
    model.addAttribute("legalActs", t.map(dev.compact.packages.SanctionsPackage::legalActs).orElse(List.of()));
    model.addAttribute("adopted", t.flatMap(dev.compact.packages.SanctionsPackage::adopted).map(Object::toString).orElse(""));
    model.addAttribute("inForce", t.flatMap(dev.compact.packages.SanctionsPackage::inForce).map(Object::toString).orElse(""));
    model.addAttribute("count", t.flatMap(dev.compact.packages.SanctionsPackage::designationCount).map(Object::toString).orElse(""));
    model.addAttribute("vote", t.flatMap(dev.compact.packages.SanctionsPackage::vote).orElse(""));
    model.addAttribute("renewal", t.flatMap(dev.compact.packages.SanctionsPackage::renewal).map(Object::toString).orElse(""));
    model.addAttribute("measures", t.map(x -> x.measures().stream().map(m -> new MeasureRow(
        m.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '), m.text(), m.from().map(Object::toString).orElse(""))).toList())
        .orElse(List.of()));
    model.addAttribute("sources", t.map(x -> x.sources().entrySet().stream().map(e -> new SourceRow(e.getKey().replace('-', ' '),
        e.getValue(), e.getValue().startsWith("https://") && !e.getValue().contains(" "))).toList()).orElse(List.of()));
    model.addAttribute("standings", p.standings().stream().map(st -> new StandingRow(st.party().value(), p.describe(st, today),
        p.inForce(st, today), Format.instant(st.act().at()), st.act().text())).toList());
    model.addAttribute("designations", p.designations().stream().map(d -> new DesignationRow(d.id(),
        d.listing().map(dev.compact.packages.Designation::name).orElse(""),
        d.listing().flatMap(l -> l.list().map(list -> list + " " + l.entry().orElse(""))).orElse(""),
        d.state().keyword(), d.act().map(a -> Format.instant(a.at())).orElse(""), d.act().map(dev.compact.packages.Register.Act::text)
            .orElse(""), p.inForceForInWords(d, today))).toList());
    // The log's sequence numbers go to readers cleared for secret only: the gaps between those of public acts would
    // count the classified events between them.
    boolean sequence = Readers.clearance(auth, request) == dev.compact.access.Clearance.SECRET;
    model.addAttribute("acts", p.acts().stream().map(a -> new ActRow(sequence ? a.seq() : null, Format.instant(a.at()), a.text())).toList());
    return "sanctions-package";
  }

  @GetMapping("/sanctions/lists/{source}/{hash}")
  String version(@PathVariable String source, @PathVariable String hash, Model model) {
    ListFormat format = ListFormat.parse(source).orElseThrow(() -> new NotFound("no list source '" + source + "'"));
    ListVersion version = versions.require(format, hash);
    model.addAttribute("v", row(version));
    List<ListVersion> all = versions.versions(format);
    int at = all.indexOf(version);
    if (at > 0) {
      ListVersion previous = all.get(at - 1);
      ListDiff diff = versions.diff(previous, version);
      model.addAttribute("previous", row(previous));
      model.addAttribute("added", diff.added().stream().limit(SHOWN).map(SanctionsController::entry).toList());
      model.addAttribute("removed", diff.removed().stream().limit(SHOWN).map(SanctionsController::entry).toList());
      model.addAttribute("changed", diff.changed().stream().limit(SHOWN).map(SanctionsController::change).toList());
      model.addAttribute("counts", new int[] {diff.added().size(), diff.removed().size(), diff.changed().size()});
      model.addAttribute("shown", SHOWN);
    }
    return "sanctions-version";
  }

  private static VersionRow row(ListVersion v) {
    return new VersionRow(v.source(), v.event().list(), v.versionHash(), v.shortHash(), v.event().inForceFrom(),
        v.event().issued() == null ? "" : v.event().issued(), v.event().entities(), v.event().added(), v.event().removed(),
        v.event().changed(), v.recordedAt().toString(), v.event().previous() == null);
  }

  private static EntryRow entry(SanctionedEntity e) {
    return new EntryRow(e.id().value(), e.schema().name().toLowerCase(Locale.ROOT), e.primaryName().full(),
        e.identifiers().stream().map(i -> i.type().name().toLowerCase(Locale.ROOT) + " " + i.value()).collect(Collectors.joining("; ")),
        String.join(", ", e.programmes()));
  }

  private static ChangeRow change(ListDiff.Change c) {
    List<String> fields = new ArrayList<>();
    c.fields().values().forEach(f -> fields.add(f.field().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
        + (f.removed().isEmpty() ? "" : "− " + String.join("; ", f.removed())) + (f.removed().isEmpty() || f.added().isEmpty() ? "" : "  ")
        + (f.added().isEmpty() ? "" : "+ " + String.join("; ", f.added()))));
    return new ChangeRow(c.id().value(), c.after().primaryName().full(), fields);
  }
}
