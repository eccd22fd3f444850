package dev.compact.agreements;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an agreement file (or a compact's umbrella document): front matter, Markdown text, clause
 * blocks and field references. Goes on after errors, so that one run reports every problem. The
 * syntax is read first ({@link DocumentSyntax}), then the meaning ({@link DocumentReader}), which
 * hands the front matter to {@link FrontMatterReader}, the body to {@link BodyReader} and the checks
 * across them to {@link ReferenceChecks}.
 */
public final class AgreementParser {
  /** Largest file accepted; real agreements are a few tens of kilobytes. */
  public static final int MAX_FILE_CHARS = 2_000_000;

  /** Most clauses accepted in one file. */
  public static final int MAX_CLAUSES = 1_000;

  static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^{}\\s.]*)\\.([^{}\\s]*)\\s*}}");

  private AgreementParser() {}

  /** Parses one agreement file on its own, outside any compact. */
  public static Parsed<Agreement> parse(SourceFile file) {
    return parse(file, CalendarRule.REFUSE);
  }

  /**
   * Parses one agreement file on its own, reading calendar sums under {@code compactCalendar} unless
   * the file chooses its own rule: the rule its compact declares, so that a rendered file and the
   * compact agree on every date.
   */
  public static Parsed<Agreement> parse(SourceFile file, CalendarRule compactCalendar) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<Agreement> agreement = DocumentSyntax.read(file, diagnostics).flatMap(syntax -> agreement(syntax, diagnostics, compactCalendar,
        Optional.empty(), Optional.empty(), ConditionCompiler.compileAll(syntax.conditions())));
    // On its own the file names no guarantors: only its parties and lists can be resolved.
    agreement.ifPresent(a -> SelfBenefitCheck.check(a, List.of(), diagnostics));
    return new Parsed<>(diagnostics.errorCount() == 0 ? agreement : Optional.empty(), diagnostics.sorted());
  }

  /** The umbrella document's own header fields, besides those every agreement has. */
  record Umbrella(String id, String title, PartyCode protectedParty, List<Guarantor> guarantors, ResponseDefaults defaults, Agreement document,
      Optional<PartyCode> aggressor, List<Area> areas, MoneyData money) {}

  /**
   * Reads an agreement's meaning from its syntax. Under a compact, {@code areaIds} are the named areas
   * its territories may use and {@code money} the compact's rates and GDP figures; {@code checked}
   * holds its conditions when they were compiled ahead with the rest of the compact's.
   */
  static Optional<Agreement> agreement(DocumentSyntax syntax, Diagnostics diagnostics, CalendarRule compactCalendar,
      Optional<Set<String>> areaIds, Optional<MoneyData> money, Map<String, ConditionCompiler.Result> checked) {
    return new DocumentReader(syntax, diagnostics, false, compactCalendar, areaIds, money, checked).read().map(Umbrella::document);
  }

  static Optional<Umbrella> umbrella(DocumentSyntax syntax, Diagnostics diagnostics, Map<String, ConditionCompiler.Result> checked) {
    return new DocumentReader(syntax, diagnostics, true, CalendarRule.REFUSE, Optional.empty(), Optional.empty(), checked).read();
  }

  /**
   * The calendar rule a document's front matter declares ({@code calendar: end-of-month}), read
   * without reporting anything: {@code refuse} when it declares none or cannot be read.
   */
  public static CalendarRule declaredCalendar(SourceFile file) {
    String content = file.content().replace("\r\n", "\n");
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1);
    }
    Optional<FrontMatter> frontMatter = FrontMatter.split(file.path(), content, new Diagnostics());
    return frontMatter.flatMap(parts -> new YamlSection(file.path(), 2, 0, new Diagnostics()).compose(parts.yaml(), "the front matter"))
        .flatMap(node -> MapReader.peek(node, "calendar"))
        .flatMap(value -> Keywords.parse(CalendarRule.class, value))
        .orElse(CalendarRule.REFUSE);
  }
}
