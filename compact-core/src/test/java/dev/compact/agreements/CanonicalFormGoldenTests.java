package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sources.CompactFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    return lines;
  }
}
