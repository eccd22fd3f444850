package dev.compact.agreements;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Renders an agreement for people: its text with every field reference filled from the clause data,
 * an anchor per clause, and a table of its norms. Only a parsed (hence valid) agreement renders, so
 * every reference has a value.
 */
public final class AgreementRenderer {
  private static final Parser MARKDOWN = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  /** What the text shows where it quotes a clause withheld from this view. */
  public static final String WITHHELD = "[withheld]";

  private AgreementRenderer() {}

  /** The output formats. */
  public enum Format {
    HTML,
    TEXT
  }

  public static String render(Agreement agreement, Format format) {
    return switch (format) {
      case HTML -> html(agreement);
      case TEXT -> text(agreement);
    };
  }

  /** A standalone HTML page, readable without scripts or external styles. */
  public static String html(Agreement agreement) {
    Node document = prepare(agreement, true);
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(agreement.title())).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
    page.append("<header>\n<p class=\"kicker\">").append(escape(agreement.id().value())).append("</p>\n<h1>")
        .append(escape(agreement.title())).append("</h1>\n");
    page.append("<dl class=\"facts\">\n");
    fact(page, "Parties", String.join(", ", agreement.parties().stream().map(p -> p.displayName() + " (" + p + ")").toList()));
    fact(page, "Beneficiary", agreement.beneficiary().displayName());
    fact(page, "Binding", Keywords.of(agreement.binding()));
    fact(page, "Status", agreement.lifecycle().describe());
    agreement.lifecycle().published().ifPresent(d -> fact(page, "Published", d.toString()));
    agreement.lifecycle().signed().ifPresent(d -> fact(page, "Signed", d.toString()));
    agreement.lifecycle().ratified().forEach((party, date) -> fact(page, "Ratified by " + party, date.toString()));
    agreement.lifecycle().inForce().ifPresent(d -> fact(page, "In force", d.toString()));
    agreement.term().years().ifPresent(y -> fact(page, "Term", y + " years"
        + agreement.term().expires(agreement.lifecycle().inForce()).map(e -> ", to " + e).orElse("")));
    agreement.term().notice().ifPresent(n -> fact(page, "Notice", n.display()));
    agreement.territory().ifPresent(t -> fact(page, "Territory", t.description()));
    fact(page, "Version", agreement.versionHash().toString());
    page.append("</dl>\n</header>\n<article>\n");
    // Raw HTML in an agreement is shown as text, never executed; only our own cards are raw HTML.
    page.append(HtmlRenderer.builder().escapeHtml(true)
        .nodeRendererFactory(context -> new ClauseCardRenderer(context)).build().render(document));
    page.append("</article>\n");
    page.append("<section class=\"norms\">\n<h2 id=\"norms\">Norms</h2>\n<table>\n<thead><tr>")
        .append("<th scope=\"col\">Clause</th><th scope=\"col\">Kind</th><th scope=\"col\">Who</th><th scope=\"col\">What</th>")
        .append("<th scope=\"col\">How much</th><th scope=\"col\">By when</th></tr></thead>\n<tbody>\n");
    List<Clause> sourced = agreement.clauses().stream().filter(c -> !c.source().isEmpty()).toList();
    for (Clause clause : agreement.clauses()) {
      Summary s = summary(clause);
      int note = sourced.indexOf(clause) + 1;
      page.append("<tr><td><a href=\"#").append(anchor(clause)).append("\">").append(escape(clause.id().value())).append("</a></td><td>")
          .append(escape(s.kind())).append("</td><td>").append(escape(s.who())).append("</td><td>").append(escape(s.what()))
          .append(note > 0 ? "<sup><a href=\"#source-" + note + "\">" + note + "</a></sup>" : "")
          .append("</td><td>").append(escape(s.howMuch())).append("</td><td>").append(escape(s.byWhen())).append("</td></tr>\n");
    }
    page.append("</tbody>\n</table>\n</section>\n");
    if (!sourced.isEmpty()) {
      page.append("<section class=\"sources\">\n<h2 id=\"sources\">Sources</h2>\n<ol>\n");
      for (int i = 0; i < sourced.size(); i++) {
        page.append("<li id=\"source-").append(i + 1).append("\">").append(escape(sourced.get(i).id().value())).append(": ")
            .append(escape(sourced.get(i).source())).append("</li>\n");
      }
      page.append("</ol>\n</section>\n");
    }
    page.append("</main>\n</body>\n</html>\n");
    return page.toString();
  }

  /** Plain text: the agreement's wording with fields filled, then the norms. */
  public static String text(Agreement agreement) {
    Node document = prepare(agreement, false);
    StringBuilder out = new StringBuilder();
    out.append(agreement.title()).append('\n').append("=".repeat(Math.min(80, agreement.title().length()))).append("\n\n");
    out.append("Parties: ").append(String.join(", ", agreement.parties().stream().map(PartyCode::displayName).toList())).append('\n');
    out.append("Status: ").append(agreement.lifecycle().describe()).append('\n');
    agreement.lifecycle().signed().ifPresent(d -> out.append("Signed: ").append(d).append('\n'));
    agreement.lifecycle().inForce().ifPresent(d -> out.append("In force: ").append(d).append('\n'));
    out.append("Version: ").append(agreement.versionHash()).append("\n\n");
    List<Clause> sourced = agreement.clauses().stream().filter(c -> !c.source().isEmpty()).toList();
    out.append(TextContentRenderer.builder().lineBreakRendering(org.commonmark.renderer.text.LineBreakRendering.SEPARATE_BLOCKS).build().render(document).strip()).append("\n\nNorms\n-----\n");
    for (Clause clause : agreement.clauses()) {
      Summary s = summary(clause);
      out.append("[").append(clause.id()).append("] ").append(s.kind()).append(": ").append(s.who()).append(" - ").append(s.what());
      if (!s.howMuch().isEmpty()) {
        out.append(" - ").append(s.howMuch());
      }
      if (!s.byWhen().isEmpty()) {
        out.append(" - ").append(s.byWhen());
      }
      int note = sourced.indexOf(clause) + 1;
      if (note > 0) {
        out.append(" [").append(note).append("]");
      }
      out.append('\n');
    }
    if (!sourced.isEmpty()) {
      out.append("\nSources\n-------\n");
      for (int i = 0; i < sourced.size(); i++) {
        out.append("[").append(i + 1).append("] ").append(sourced.get(i).id()).append(": ").append(sourced.get(i).source()).append('\n');
      }
    }
    return out.toString();
  }

  /** One row of the norms table. */
  public record Summary(String kind, String who, String what, String howMuch, String byWhen) {}

  public static Summary summary(Clause clause) {
    String who = ClauseFields.parties(clause.norm().obligor());
    String kind = capitalise(Keywords.of(clause.norm().kind()));
    return switch (clause.norm()) {
      case Norm.Commitment c -> new Summary(kind, who,
          !clause.title().isEmpty() ? clause.title()
              : c.description().isEmpty() ? Keywords.of(c.domain()) + " support to " + c.beneficiary().displayName() : c.description(),
          String.join("; ", join(c.amount().isPresent() ? ClauseFields.value(clause, "amount").orElse("") : "",
              c.scope().isEmpty() ? "" : ClauseFields.value(clause, "scope").orElse("") + " only",
              c.firmness().label(),
              c.items().stream().map(ItemLine::display).reduce((a, b) -> a + ", " + b).orElse(""),
              c.schedule().flatMap(Schedule::amountPerPeriod).map(m -> m.display() + " per period").orElse(""))),
          c.period().map(DateRange::display).or(() -> c.schedule().map(Schedule::display)).orElse(""));
      case Norm.Obligation o -> new Summary(kind, who, o.action() + o.meetingLevel().map(l -> " (at the level of " + l.who() + ")").orElse(""), "",
          o.deadline().map(Deadline::display).orElse("no deadline"));
      case Norm.Power p -> new Summary(kind, who, "may " + Keywords.of(p.action()).replace('-', ' '), "",
          p.notice().map(n -> "effective " + n.display() + " after notice").orElse(""));
      case Norm.Prohibition p -> new Summary(kind, who, "must not " + Keywords.of(p.action()).replace('-', ' ')
          + p.cap().map(c -> " of " + c.display()).orElse(""), "",
          "until " + p.until().source().strip());
    };
  }

  private static List<String> join(String... parts) {
    List<String> nonEmpty = new ArrayList<>();
    for (String part : parts) {
      if (!part.isEmpty()) {
        nonEmpty.add(part);
      }
    }
    return nonEmpty;
  }

  public static String anchor(Clause clause) {
    return "clause-" + clause.id().value();
  }

  /** Parses the body, fills references and turns each clause block into an anchored summary. */
  private static Node prepare(Agreement agreement, boolean html) {
    Node document = MARKDOWN.parse(agreement.body());
    Map<Integer, Clause> clauseByLine = new HashMap<>();
    agreement.clauses().forEach(c -> clauseByLine.put(c.position().line(), c));
    Map<String, Clause> clauseById = new HashMap<>();
    agreement.clauses().forEach(c -> clauseById.put(c.id().value(), c));
    List<Runnable> edits = new ArrayList<>();
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(FencedCodeBlock block) {
        if (!"clause".equals(block.getInfo() == null ? null : block.getInfo().strip())) {
          return;
        }
        int line = agreement.bodyFirstLine() + block.getSourceSpans().getFirst().getLineIndex();
        Clause clause = clauseByLine.get(line);
        if (clause == null) {
          // A clause withheld from this view: its data never reaches the page.
          edits.add(block::unlink);
          return;
        }
        edits.add(() -> {
          Node replacement;
          if (html) {
            replacement = new ClauseCard(clause);
          } else {
            Paragraph paragraph = new Paragraph();
            Summary s = summary(clause);
            paragraph.appendChild(new Text("[" + clause.id() + "] " + s.kind() + ": " + s.who() + " - " + s.what()
                + (s.howMuch().isEmpty() ? "" : " - " + s.howMuch()) + (s.byWhen().isEmpty() ? "" : " - " + s.byWhen())));
            replacement = paragraph;
          }
          block.insertBefore(replacement);
          block.unlink();
        });
      }

      @Override
      public void visit(Text text) {
        String literal = text.getLiteral();
        if (!literal.contains("{{")) {
          return;
        }
        Matcher matcher = AgreementParser.REFERENCE.matcher(literal);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
          Clause quoted = clauseById.get(matcher.group(1));
          String value = matcher.group(1).equals("agreement")
              ? ClauseFields.agreementValue(agreement, matcher.group(2)).orElse(matcher.group())
              : quoted == null ? WITHHELD : ClauseFields.value(quoted, matcher.group(2)).orElse(matcher.group());
          matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        text.setLiteral(filled.toString());
      }
    });
    edits.forEach(Runnable::run);
    return document;
  }

  /** A clause block, replaced by its summary card. */
  private static final class ClauseCard extends org.commonmark.node.CustomBlock {
    final Clause clause;

    ClauseCard(Clause clause) {
      this.clause = clause;
    }
  }

  private record ClauseCardRenderer(org.commonmark.renderer.html.HtmlNodeRendererContext context)
      implements org.commonmark.renderer.NodeRenderer {
    @Override
    public java.util.Set<Class<? extends Node>> getNodeTypes() {
      return java.util.Set.of(ClauseCard.class);
    }

    @Override
    public void render(Node node) {
      context.getWriter().line();
      context.getWriter().raw(card(((ClauseCard) node).clause));
      context.getWriter().line();
    }
  }

  private static String card(Clause clause) {
    Summary s = summary(clause);
    StringBuilder card = new StringBuilder();
    card.append("<aside class=\"clause ").append(Keywords.of(clause.norm().kind())).append("\" id=\"").append(anchor(clause)).append("\">")
        .append("<a class=\"anchor\" href=\"#").append(anchor(clause)).append("\">§ ").append(escape(clause.id().value())).append("</a> ")
        .append("<strong>").append(escape(s.kind())).append("</strong>: ").append(escape(s.who())).append(" · ").append(escape(s.what()));
    if (!s.howMuch().isEmpty()) {
      card.append(" · ").append(escape(s.howMuch()));
    }
    if (!s.byWhen().isEmpty()) {
      card.append(" · ").append(escape(s.byWhen()));
    }
    return card.append("</aside>\n").toString();
  }

  private static void fact(StringBuilder page, String name, String value) {
    page.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
  }

  private static String capitalise(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String STYLE = """
      body{font-family:Georgia,'Times New Roman',serif;line-height:1.55;color:#1b1b1b;background:#fff;margin:0}
      main{max-width:48rem;margin:0 auto;padding:1.5rem}
      .kicker{font-family:system-ui,sans-serif;color:#555;margin:0}
      .facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-family:system-ui,sans-serif;font-size:.9rem}
      .facts dt{font-weight:600}.facts dd{margin:0;overflow-wrap:anywhere}
      aside.clause{font-family:system-ui,sans-serif;font-size:.9rem;border-left:4px solid #0b5cad;background:#f2f6fb;padding:.5rem .75rem;margin:.75rem 0}
      aside.clause .anchor{color:#0b5cad;font-weight:600;text-decoration:none;margin-right:.3rem}
      table{border-collapse:collapse;width:100%;font-family:system-ui,sans-serif;font-size:.85rem}
      th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
      th{background:#eef1f5}
      @media (max-width:600px){table{display:block;overflow-x:auto}}
      """;
}
