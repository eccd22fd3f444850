package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code broken/} holds one kind of mistake; {@code broken/expected.csv} says which
 * diagnostic it must give and on which line. A drafter's typo must never become a stack trace.
 */
class BrokenAgreementTests {

  static Stream<Arguments> brokenFiles() throws IOException, URISyntaxException {
    Path folder = Path.of(BrokenAgreementTests.class.getResource("/broken").toURI());
    return Files.readAllLines(folder.resolve("expected.csv")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split(";", 4))
        .map(f -> Arguments.of(f[0], Integer.parseInt(f[1]), Diagnostic.Severity.valueOf(f[2].toUpperCase()), f[3], folder));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void reportsTheMistakeAtItsLine(String file, int line, Diagnostic.Severity severity, String fragment, Path folder) {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("broken/" + file, read(folder.resolve(file))));

    List<Diagnostic> matching = parsed.diagnostics().stream().filter(d -> d.message().contains(fragment)).toList();
    assertThat(matching)
        .as("diagnostics of %s were:%n%s", file, String.join("\n", parsed.diagnostics().stream().map(Diagnostic::format).toList()))
        .isNotEmpty();
    Diagnostic diagnostic = matching.getFirst();
    assertThat(diagnostic.severity()).isEqualTo(severity);
    assertThat(diagnostic.position().line()).as(diagnostic.format()).isEqualTo(line);
    assertThat(diagnostic.position().path()).isEqualTo("broken/" + file);
    assertThat(diagnostic.hint()).as("every diagnostic in the catalogue offers a fix: %s", diagnostic.format()).isPresent();
    if (severity == Diagnostic.Severity.ERROR) {
      assertThat(parsed.value()).isEmpty();
    } else {
      assertThat(parsed.value()).isPresent();
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
