package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sources.CompactFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Parties sign version hashes, so a faster canonical form must hash every document exactly as
 * before. The golden file holds the hash of every document of four example compacts (copied
 * beside it), and of a file
 * whose text needs escaping (quotes, backslashes, a tab, non-Latin letters), as the canonical
 * form computed them before it was made faster (issue #17). Regenerate only for a deliberate
 * change of the canonical form (with a new {@link CanonicalForm#VERSION}), with {@code
 * -Dcompact.golden.write=true}.
 */
class CanonicalFormGoldenTests {

  static final Path GOLDEN = Path.of("src/test/resources/golden/version-hashes.tsv");
  /** Copies of four example compacts as they were then, so that editing the examples does not move the hashes. */
  static final Path COMPACTS = Path.of("src/test/resources/golden/canonical");

  static final String ESCAPES = """
      ---
      id: escapes
      title: "A \\"quoted\\" title with a back\\\\slash"
      parties: [GBR, UKR]
      beneficiary: UKR
      binding: political
      ---

      # Text that needs escaping

      "Quoted" words, a back\\slash, a\ttab, Ukrainian: Україна, and accents: Genève.

      ```clause
      id: help
      norm: commitment
      obligor: GBR
      beneficiary: UKR
      domain: military
      items: [{item: shells, quantity: 1000}]
      period: {start: 2024-04-01, end: 2025-03-31}
      description: 'Shells "for" the front \\ line'
      ```
      """;

  @Test
  void everyDocumentHashesAsItDidBefore() throws IOException {
    List<String> lines = hashes();
    if (Boolean.getBoolean("compact.golden.write")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.write(GOLDEN, lines, StandardCharsets.UTF_8);
    }

    assertThat(lines).hasSizeGreaterThan(20).containsExactlyElementsOf(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8));
  }

  private static List<String> hashes() throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> folders = Files.list(COMPACTS)) {
      for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("compact.md"))).sorted().toList()) {
        Parsed<Compact> parsed = CompactParser.parse(CompactFolder.read(folder));
        assertThat(parsed.errors()).as(folder.toString()).isEmpty();
        Compact compact = parsed.value().orElseThrow();
        lines.add(folder.getFileName() + "/compact.md\t" + compact.umbrella().versionHash().hex());
        for (Agreement agreement : compact.agreements()) {
          lines.add(folder.getFileName() + "/" + agreement.id().value() + "\t" + agreement.versionHash().hex());
        }
      }
    }
    Parsed<Agreement> escapes = AgreementParser.parse(new SourceFile("escapes.md", ESCAPES));
    assertThat(escapes.errors()).isEmpty();
    lines.add("escapes\t" + escapes.value().orElseThrow().versionHash().hex());
    for (Map.Entry<String, String> edge : edgeCases().entrySet()) {
      Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile(edge.getKey() + ".md", edge.getValue()));
      assertThat(parsed.errors()).as(edge.getKey()).isEmpty();
      lines.add(edge.getKey() + "\t" + parsed.value().orElseThrow().versionHash().hex());
    }
    return lines;
  }

  private static final String HEAD = "---\nid: edge\ntitle: %s\nparties: [GBR, UKR]\nbeneficiary: UKR\nbinding: political\n---\n";
  private static final String CLAUSE = "```clause\nid: help\nnorm: commitment\nobligor: GBR\nbeneficiary: UKR\ndomain: military\n"
      + "items: [{item: shells, quantity: 1000}]\nperiod: {start: 2024-04-01, end: 2025-03-31}\ndescription: %s\n```\n";

  /**
   * Documents at the edges of the canonical form's text handling, hashed by the string-based form
   * before the hash was streamed (issue #17): line endings, white space at the edges of lines and of
   * the text, empty fields, letters outside Latin-1 and outside the BMP, control characters, unpaired
   * surrogates (which UTF-8 encoding turns into '?'), and texts longer than the digest's buffer.
   */
  static Map<String, String> edgeCases() {
    Map<String, String> docs = new LinkedHashMap<>();
    String plain = HEAD.formatted("Plain") + "\n# Text\n\nSome words.\n\n" + CLAUSE.formatted("shells") + "\nMore words.\n";
    docs.put("edge-crlf", plain.replace("\n", "\r\n"));
    docs.put("edge-cr", plain.replace("\n", "\r"));
    docs.put("edge-blank-edges", HEAD.formatted("Edges") + "\n\n   \n  \t Indented first line  \t\nline with trailing spaces   \n\t\n\n"
        + CLAUSE.formatted("shells") + "   \n\n\n  \n");
    docs.put("edge-empty-fields", HEAD.formatted("\"\"") + "\n" + CLAUSE.formatted("''"));
    docs.put("edge-empty-body", HEAD.formatted("Nothing below"));
    docs.put("edge-unicode", HEAD.formatted("\"Україна — Genève 日本 \\U0001F1FA\\U0001F1E6 \\t tab \\x01 ctl \\x1f\"")
        + "\nЗахист 🛡️ «guillemets» — \u00a0nbsp\u2003emsp\u3000ideographic\u3000\n\n" + CLAUSE.formatted("\"Снаряди \\\\ \\\" \\u0007 𝄞\""));
    docs.put("edge-lone-surrogate", HEAD.formatted("\"half \\ud800 pair\"") + "\n"
        + CLAUSE.formatted("\"low \\udc00 first \\udc00\\ud800 reversed\""));
    docs.put("edge-long-text", HEAD.formatted("Long") + "\n" + ("Ї".repeat(3000) + " x\n").repeat(3)
        + CLAUSE.formatted("\"" + "é\\\"".repeat(2500) + "\""));
    docs.put("edge-clause-at-end", HEAD.formatted("End") + "\ntext\n" + CLAUSE.formatted("end").stripTrailing());
    return docs;
  }
}
