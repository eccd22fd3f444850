package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;

/**
 * A field written with no value (nothing after the colon, or a plain {@code ~} or {@code null}, as
 * YAML reads them) is left out; quoted, the same characters are text. The reader compared the
 * scalar style's printed form with "PLAIN", which it never is, so an empty field was read as empty
 * text.
 */
class MapReaderTests {
  /** A field and its value on one line, in the front matter or a clause block. */
  private static final Pattern FIELD = Pattern.compile("(?m)^[ -]*[a-z][a-z-]*: [^#\\s][^\\n]*$");
  private static final String AGREEMENT = """
      ---
      id: gbr-ukr-test
      title: Test agreement
      parties: [GBR, UKR]
      beneficiary: UKR
      binding: political
      lifecycle:
        signed: 2024-01-12
        in-force: 2024-01-12
      term:
        years: 10
      ---
      # Test agreement

      The United Kingdom will consult Ukraine within {{gbr-consult.within}} of a request.

      ```clause
      id: gbr-consult
      norm: obligation
      obligor: GBR
      beneficiary: UKR
      domain: military
      trigger: incident.kind == "armed-attack" && incident.in_scope
      action: consult with Ukraine
      title: Consultations within a day
      deadline: {within: PT24H, from: consultation-requested}
      fulfilled-by: consultation-held
      ```
      """;

  @Test
  void theBaseAgreementIsValid() {
    assertThat(parse(AGREEMENT).diagnostics()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ~", " null", " Null", " NULL", "   # a comment"})
  void aRequiredFieldWithNoValueIsReportedAtItsLine(String value) {
    Parsed<Agreement> parsed = parse(AGREEMENT.replace("title: Test agreement", "title:" + value));

    assertThat(parsed.value()).isEmpty();
    assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("field 'title' of the agreement has no value");
      assertThat(d.position().line()).isEqualTo(3);
      assertThat(d.hint()).contains("give it a value after the colon");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"null\"", "'~'", "\"NULL\""})
  void quotedNullsAreText(String value) {
    Parsed<Agreement> parsed = parse(AGREEMENT.replace("title: Test agreement", "title: " + value));

    assertThat(parsed.diagnostics()).isEmpty();
    assertThat(parsed.value().orElseThrow().title()).isEqualTo(value.substring(1, value.length() - 1));
  }

  @Test
  void anEmptyQuotedValueIsEmptyTextNotAMissingValue() {
    Parsed<Agreement> parsed = parse(AGREEMENT.replace("title: Test agreement", "title: \"\""));

    assertThat(parsed.diagnostics()).extracting(Diagnostic::message).doesNotContain("field 'title' of the agreement has no value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"title:", "title: ~", "title: null"})
  void anOptionalFieldWithNoValueIsTheSameAgreementAsOneWithoutIt(String line) {
    Parsed<Agreement> without = parse(AGREEMENT.replace("title: Consultations within a day\n", ""));
    Parsed<Agreement> empty = parse(AGREEMENT.replace("title: Consultations within a day", line));

    assertThat(empty.diagnostics()).isEmpty();
    assertThat(empty.value().orElseThrow().versionHash()).isEqualTo(without.value().orElseThrow().versionHash());
  }

  @Test
  void anOptionalFieldWithEmptyQuotedTextIsStillGiven() {
    Parsed<Agreement> quoted = parse(AGREEMENT.replace("title: Consultations within a day", "title: \"null\""));
    Parsed<Agreement> without = parse(AGREEMENT.replace("title: Consultations within a day\n", ""));

    assertThat(quoted.diagnostics()).isEmpty();
    assertThat(quoted.value().orElseThrow().versionHash()).isNotEqualTo(without.value().orElseThrow().versionHash());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "~", "null", "Null", "NULL"})
  void everyCoreSchemaSpellingOfNullIsNoValueWhenPlainAndTextWhenQuoted(String spelling) {
    assertThat(MapReader.isNull(value("field: " + spelling))).isTrue();
    assertThat(MapReader.isNull(value("field: '" + spelling + "'"))).isFalse();
    assertThat(MapReader.isNull(value("field: \"" + spelling + "\""))).isFalse();
    assertThat(MapReader.isNull(value("field: [" + spelling + "]"))).isFalse();
  }

  /**
   * The reader compares the null spellings directly instead of running the core schema's resolver
   * on every value (issue #17): both must agree on every plain value, near misses included.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", "~", "null", "Null", "NULL", "nULL", "NuLL", "nul", "nulls", "null2", "Nul", "~~", "~x", "none", "None",
      "nil", "0", "-1", "false", "2024-01-12", "2_500_000_000", "GBR", "PT24H", "n", "N", "null null", "\"null\"", "'~'", "''"})
  void theDirectNullCheckAgreesWithTheCoreSchemaResolver(String written) {
    Node node = value("field: " + written);
    boolean resolverSaysNull = node instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN
        && Tag.NULL.equals(new CoreScalarResolver(false).resolve(scalar.getValue(), true));

    assertThat(MapReader.isNull(node)).as("field: %s", written).isEqualTo(resolverSaysNull);
  }

  /**
   * Dates are read by hand instead of through a regular expression and a strict "uuuu-MM-dd"
   * formatter (issue #17): both must give the same date, or refuse for the same reason, on every
   * text, near misses and impossible days included.
   */
  @ParameterizedTest
  @ValueSource(strings = {"2024-01-12", "2024-02-29", "2023-02-29", "2024-02-30", "2024-04-31", "2024-12-31", "2024-13-01", "2024-00-10",
      "2024-01-00", "2024-01-32", "0000-01-01", "9999-12-31", "1900-02-29", "2000-02-29", "2024-1-12", "2024-01-1", "24-01-12",
      "2024/01/12", "2024-01-12 ", " 2024-01-12", "2024-01-120", "20240112", "2024-0a-12", "２０２４-01-12", "2024-01-1२", "+2024-01-12",
      "-2024-01-12", "2024--1-12", "2024-01-12T00", "", "x", "2024_01_12", "2024-01-12\n"})
  void theHandReadDateAgreesWithTheStrictFormatter(String text) {
    java.util.regex.Pattern shape = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    java.time.format.DateTimeFormatter strict =
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(java.time.format.ResolverStyle.STRICT);
    String expected;
    if (!shape.matcher(text).matches()) {
      expected = "not a date";
    } else {
      String date;
      try {
        date = java.time.LocalDate.parse(text, strict).toString();
      } catch (java.time.format.DateTimeParseException e) {
        date = "not a real calendar date";
      }
      expected = date;
    }
    Diagnostics diagnostics = new Diagnostics();
    YamlSection section = new YamlSection("test.md", 1, 0, diagnostics);
    ScalarNode node = new ScalarNode(Tag.STR, text, ScalarStyle.DOUBLE_QUOTED);
    MapReader reader = section.reader(new MappingNode(Tag.MAP, List.of(), org.snakeyaml.engine.v2.common.FlowStyle.BLOCK), "the test");
    String actual = reader.date(node, "signed").map(Object::toString)
        .orElseGet(() -> diagnostics.all().getFirst().message().replace("'" + text + "' is ", ""));

    assertThat(actual).as("'%s'", text).isEqualTo(expected);
  }

  private static Node value(String yaml) {
    MappingNode map = (MappingNode) new Compose(LoadSettings.builder().build()).composeString(yaml).orElseThrow();
    return map.getValue().getFirst().getValueNode();
  }

  /**
   * Whichever field of the example agreements is emptied, the agreement either still reads (the
   * field was optional) or says why not: never a failure without a diagnostic, never an exception
   * (a reader that checked a field's presence and then took its value would throw).
   */
  @Test
  void emptyingAnyFieldOfTheExamplesNeverFailsSilently() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(AgreementFuzzTests.examples())) {
      files = walk.filter(f -> f.toString().endsWith(".md") && f.getParent().getFileName().toString().equals("agreements")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    int emptied = 0;
    int readable = 0;
    for (Path file : files) {
      String text = Files.readString(file);
      readable += parse(text).value().isPresent() ? 1 : 0;
      for (String line : FIELD.matcher(text).results().map(MatchResult::group).distinct().toList()) {
        String key = line.substring(0, line.indexOf(':') + 1);
        // One form of no value stands for all: the reader tells them apart from nothing else.
        Parsed<Agreement> parsed = parse(text.replace(line, key));
        if (parsed.value().isEmpty()) {
          assertThat(parsed.diagnostics()).as("%s with '%s'", file, key.strip()).anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        }
        emptied++;
      }
    }
    assertThat(readable).as("example agreements that read on their own").isGreaterThan(20);
    assertThat(emptied).isGreaterThan(500);
  }


  /**
   * A mapping with many fields is looked up through an index rather than a scan (issue #17): it
   * must read, and report duplicates and unknown fields, exactly as a small one does.
   */
  @ParameterizedTest
  @ValueSource(ints = {3, 16, 17, 40})
  void aMappingReadsTheSameWhateverItsSize(int fields) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < fields; i++) {
      yaml.append("field-").append(i).append(": value ").append(i).append('\n');
    }
    yaml.append("field-1: again\n").append("unasked: x\n").append("field-00: y\n");
    Diagnostics diagnostics = new Diagnostics();
    YamlSection section = new YamlSection("test.md", 2, 0, diagnostics);
    MapReader reader = section.reader((MappingNode) new Compose(LoadSettings.builder().build()).composeString(yaml.toString()).orElseThrow(),
        "the test");
    for (int i = 0; i < fields; i++) {
      assertThat(reader.text("field-" + i, true)).as("field-%d", i).hasValue("value " + i);
    }
    assertThat(reader.text("missing", false)).isEmpty();
    reader.finish(null);

    assertThat(diagnostics.all()).extracting(Diagnostic::message).containsExactly(
        "duplicate field 'field-1' in the test (first given at line 3)",
        "unknown field 'unasked' in the test",
        "unknown field 'field-00' in the test");
    assertThat(diagnostics.all().get(1).hint()).hasValueSatisfying(hint -> assertThat(hint).startsWith("allowed here: field-0, field-1, field-2"));
    assertThat(diagnostics.all().get(2).hint()).hasValue("did you mean 'field-0'?");
    assertThat(diagnostics.all()).extracting(d -> d.position().line()).containsExactly(fields + 2, fields + 3, fields + 4);
  }

  private static Parsed<Agreement> parse(String text) {
    return AgreementParser.parse(new SourceFile("agreements/test.md", text));
  }
}
