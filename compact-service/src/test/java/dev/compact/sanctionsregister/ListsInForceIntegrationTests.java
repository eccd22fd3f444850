package dev.compact.sanctionsregister;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.access.Actor;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.service.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A list version in force from a later date is picked up when the service clock gets there, with no restart and no new import. */
class ListsInForceIntegrationTests {

  @Test
  void aVersionInForceFromALaterDateReplacesTheCurrentIndexWhenTheServiceClockReachesThatDate() throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db="
        + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + dev.compact.Examples.compact("kyiv-compact"),
        "--compact.screening.preload=false", "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:00Z",
        "--compact.tick-interval=PT0.2S")) {
      ListVersions versions = context.getBean(ListVersions.class);
      ListIndexes indexes = context.getBean(ListIndexes.class);
      Actor system = new Actor("test", Set.of(), true);
      List<ListFile> full = SharedLists.bundledOfac2021();
      // The newer version: the same release without its first 20 entries, in force from 10 March 2026.
      List<String> lines = List.of(new String(full.getFirst().bytes(), StandardCharsets.UTF_8).split("\n", -1));
      List<ListFile> newer = new ArrayList<>(full);
      newer.set(0, new ListFile(full.getFirst().name(), String.join("\n", lines.subList(20, lines.size())).getBytes(StandardCharsets.UTF_8)));

      ListVersion now = versions.importVersion(new ListVersions.Request(ListFormat.OFAC, full, Optional.of(LocalDate.parse("2021-07-07")),
          false), system, note -> {}).version();
      ListVersion later = versions.importVersion(new ListVersions.Request(ListFormat.OFAC, newer, Optional.of(LocalDate.parse("2026-03-10")),
          false), system, note -> {}).version();

      awaitIndexOf(indexes, now);
      Thread.sleep(1_000); // several ticks: the later version is not in force yet and must not be picked up
      assertThat(indexes.current().orElseThrow().versions()).containsExactly(now);

      context.getBean(TestClock.class).advance(Duration.ofDays(9));

      awaitIndexOf(indexes, later);
      assertThat(indexes.current().orElseThrow().versions()).containsExactly(later);
    }
  }

  private static void awaitIndexOf(ListIndexes indexes, ListVersion version) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline
        && !indexes.current().map(i -> i.versions().equals(List.of(version))).orElse(false)) {
      Thread.sleep(100);
    }
    assertThat(indexes.current().map(ListIndexes.Indexed::versions).orElse(List.of())).as("the index in use").containsExactly(version);
  }
}
