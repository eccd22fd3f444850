package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sources.CompactFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reference checks ask whether a clause has a field without writing its text (issue #17); the
 * renderer writes it. Both must agree for every field of every clause, or a quote that checks could
 * fail to render (or a quote that would render be refused).
 */
class ClauseFieldsTests {

  @Test
  void aFieldIsPresentForTheCheckExactlyWhenItRenders() throws IOException {
    List<Path> compacts;
    try (Stream<Path> list = Files.list(SharedCheckerEnvironmentTests.EXAMPLES)) {
      compacts = list.filter(folder -> Files.isDirectory(folder.resolve("agreements"))).sorted().toList();
    }
    int present = 0;
    int absent = 0;
    int clauses = 0;
    for (Path folder : compacts) {
      Optional<Compact> compact = CompactParser.parse(CompactFolder.read(folder)).value();
      assertThat(compact).as("%s", folder).isPresent();
      for (Agreement agreement : compact.get().agreements()) {
        for (Clause clause : agreement.clauses()) {
          clauses++;
          for (String field : ClauseFields.NAMES) {
            Optional<String> value = ClauseFields.value(clause, field);
            assertThat(ClauseFields.has(clause, field)).as("%s: %s.%s", agreement.path(), clause.id(), field).isEqualTo(value.isPresent());
            if (value.isPresent()) {
              present++;
            } else {
              absent++;
            }
          }
        }
      }
    }
    assertThat(clauses).isGreaterThan(70);
    assertThat(present).isGreaterThan(300);
    assertThat(absent).isGreaterThan(300);
  }
}
