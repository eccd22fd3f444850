package dev.compact.web;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import dev.compact.agreements.Agreement;
import dev.compact.agreements.AgreementParser;
import dev.compact.agreements.AgreementRenderer;
import dev.compact.agreements.Clause;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.SourceFile;
import dev.compact.service.CompactCatalog;
import dev.compact.service.InvalidInput;
import dev.compact.service.RecordService;
import dev.compact.service.Registrations;
import dev.compact.store.StoredEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** An agreement: its rendered text, norms, lifecycle per party, version hash, and a diff against another version. */
@Controller
class AgreementController {
  private final CompactCatalog catalog;
  private final RecordService record;
  private final DashboardAuth auth;

  AgreementController(CompactCatalog catalog, RecordService record, DashboardAuth auth) {
    this.catalog = catalog;
    this.record = record;
    this.auth = auth;
  }

  record NormRow(String clause, String anchor, String kind, String who, String what, String howMuch, String byWhen) {}

  record PartyRow(String party, String name, String signed, String ratified, String recorded) {}

  @GetMapping("/agreements")
  String agreements() {
    return "redirect:/#h-agreements";
  }

  @GetMapping("/agreements/{id}")
  String agreement(@PathVariable String id, Model model, jakarta.servlet.http.HttpServletRequest request) {
    Agreement agreement = catalog.agreement(id, Readers.clearance(auth, request));
    model.addAttribute("a", agreement);
    model.addAttribute("status", Keywords.of(agreement.lifecycle().status()).replace('-', ' '));
    model.addAttribute("expires", agreement.term().expires(agreement.lifecycle().inForce()).map(Object::toString).orElse(""));
    model.addAttribute("text", article(agreement));
    model.addAttribute("norms", norms(agreement));
    model.addAttribute("parties", parties(agreement));
    model.addAttribute("others", catalog.agreements().stream().map(a -> a.id().value()).filter(other -> !other.equals(id)).toList());
    return "agreement";
  }

  /** Compares with another agreement of the compact, or with a version pasted into the form. */
  @GetMapping("/agreements/{id}/compare")
  String compareWith(@PathVariable String id, @RequestParam("with") String other, Model model) {
    return compare(catalog.agreement(id), catalog.agreement(other), model);
  }

  @PostMapping("/agreements/{id}/compare")
  String compareText(@PathVariable String id, @RequestParam String text, Model model) {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("pasted version of " + id, text));
    if (parsed.value().isEmpty()) {
      throw new InvalidInput("the other version has " + parsed.errors().size() + " error(s); fix them before comparing", parsed.diagnostics());
    }
    return compare(catalog.agreement(id), parsed.value().get(), model);
  }

  record NormChange(String clause, String change, String left, String right) {}

  private String compare(Agreement left, Agreement right, Model model) {
    List<String> a = Arrays.asList(AgreementRenderer.text(left).split("\n", -1));
    List<String> b = Arrays.asList(AgreementRenderer.text(right).split("\n", -1));
    // The generator escapes the text and marks changed words with our own tags only.
    DiffRowGenerator generator = DiffRowGenerator.create().showInlineDiffs(true).inlineDiffByWord(true).ignoreWhiteSpaces(false)
        .lineNormalizer(org.springframework.web.util.HtmlUtils::htmlEscape).oldTag(open -> open ? "<del>" : "</del>").newTag(open -> open ? "<ins>" : "</ins>").build();
    List<DiffRow> rows = generator.generateDiffRows(a, b);
    model.addAttribute("left", left);
    model.addAttribute("right", right);
    model.addAttribute("rows", rows);
    model.addAttribute("changedLines", rows.stream().filter(r -> r.getTag() != DiffRow.Tag.EQUAL).count());
    Map<String, NormRow> l = new LinkedHashMap<>();
    norms(left).forEach(n -> l.put(n.clause(), n));
    Map<String, NormRow> r = new LinkedHashMap<>();
    norms(right).forEach(n -> r.put(n.clause(), n));
    TreeSet<String> clauses = new TreeSet<>(l.keySet());
    clauses.addAll(r.keySet());
    List<NormChange> changes = new ArrayList<>();
    for (String clause : clauses) {
      NormRow x = l.get(clause);
      NormRow y = r.get(clause);
      String change = x == null ? "added" : y == null ? "removed" : Objects.equals(describe(x), describe(y)) ? "same" : "changed";
      changes.add(new NormChange(clause, change, x == null ? "" : describe(x), y == null ? "" : describe(y)));
    }
    model.addAttribute("normChanges", changes);
    return "compare";
  }

  private static String describe(NormRow n) {
    return n.kind() + ": " + n.who() + " · " + n.what() + (n.howMuch().isEmpty() ? "" : " · " + n.howMuch())
        + (n.byWhen().isEmpty() ? "" : " · " + n.byWhen());
  }

  static List<NormRow> norms(Agreement agreement) {
    List<NormRow> rows = new ArrayList<>();
    for (Clause c : agreement.clauses()) {
      AgreementRenderer.Summary s = AgreementRenderer.summary(c);
      rows.add(new NormRow(c.id().value(), AgreementRenderer.anchor(c), s.kind(), s.who(), s.what(), s.howMuch(), s.byWhen()));
    }
    return rows;
  }

  /** Per party: the dates the text records, and the lifecycle events the record holds since. */
  private List<PartyRow> parties(Agreement agreement) {
    List<StoredEvent> events = record.store().readStream("agreement-" + agreement.id().value());
    List<PartyRow> rows = new ArrayList<>();
    // Registered versions share the agreement's stream but are the record's own events, not the engine's.
    List<dev.compact.engine.Event> decoded = events.stream().filter(e -> !Registrations.isRecordOnly(e.type()))
        .map(e -> record.codec().decode(e)).toList();
    // A text no one signs may still hold a signature or ratification recorded before the rule: kept, and shown for what it is.
    java.util.Optional<String> signature = Registrations.beforeTheRule(agreement, "signature");
    java.util.Optional<String> ratification = Registrations.beforeTheRule(agreement, "ratification");
    for (PartyCode party : agreement.parties()) {
      List<String> recorded = new ArrayList<>();
      for (dev.compact.engine.Event e : decoded) {
        String when = Format.instant(e.occurredAt());
        switch (e) {
          case dev.compact.engine.Event.Signed s when s.party().equals(party) -> recorded.add(signature
              .map(why -> "a signature dated " + when + ", " + why).orElse("signed " + when));
          case dev.compact.engine.Event.Ratified r when r.party().equals(party) -> recorded.add(ratification
              .map(why -> "a ratification dated " + when + ", " + why).orElse("ratified " + when));
          case dev.compact.engine.Event.EnteredIntoForce f -> recorded.add("in force " + when);
          case dev.compact.engine.Event.Suspended s when s.by().equals(party) -> recorded.add("suspended " + when);
          case dev.compact.engine.Event.Resumed r when r.by().equals(party) -> recorded.add("resumed " + when);
          case dev.compact.engine.Event.TerminationNoticeGiven n when n.by().equals(party) -> recorded.add("gave notice " + when);
          default -> { }
        }
      }
      rows.add(new PartyRow(party.value(), party.displayName(), agreement.lifecycle().signed().map(Object::toString).orElse(""),
          agreement.lifecycle().ratifiedView().containsKey(party) ? agreement.lifecycle().ratifiedView().get(party).toString() : "",
          String.join("; ", recorded)));
    }
    return rows;
  }

  /**
   * The agreement's text as the core renders it (raw HTML in an agreement is escaped there, and only
   * the renderer's own clause cards are markup), without its standalone page around it.
   */
  static String article(Agreement agreement) {
    String page = AgreementRenderer.html(agreement);
    int start = page.indexOf("<article>");
    int end = page.indexOf("</article>");
    if (start < 0 || end < start) {
      throw new IllegalStateException("the renderer's page has no <article>");
    }
    // The page has its own h1 and a "Text" h2: the agreement's headings sit two levels below.
    return java.util.regex.Pattern.compile("<(/?)h([1-6])>").matcher(page.substring(start + "<article>".length(), end))
        .replaceAll(m -> "<" + m.group(1) + "h" + Math.min(6, Integer.parseInt(m.group(2)) + 2) + ">");
  }

  static List<String> problems(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::format).toList();
  }
}
