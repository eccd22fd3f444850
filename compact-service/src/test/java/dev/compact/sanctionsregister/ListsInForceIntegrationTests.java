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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** A list version in force from a later date is picked up when the service clock gets there, with no restart and no new import. */
@ExtendWith(OutputCaptureExtension.class)
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

  /**
   * The tick that follows the in-force dates let a failure to read the list versions out to the scheduler, which logged
   * a stack trace at every tick (every 5 s by default) for as long as it lasted. A list-version event the service cannot
   * read is named once, in one line; the tick never fails.
   */
  @Test
  void aListVersionUnreadableWhileServingIsNamedOnceAndNoTickFails(CapturedOutput output) throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db="
        + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + dev.compact.Examples.compact("kyiv-compact"),
        "--compact.screening.preload=false", "--compact.tick-interval=PT1H")) {
      ListVersions versions = context.getBean(ListVersions.class);
      versions.importVersion(new ListVersions.Request(ListFormat.OFAC, SharedLists.bundledOfac2021(), Optional.of(LocalDate.parse("2021-07-07")),
          false), new Actor("test", Set.of(), true), note -> {});
      try (java.sql.Connection c = context.getBean(dev.compact.service.RecordService.class).database().dataSource().getConnection();
          java.sql.Statement s = c.createStatement()) {
        s.executeUpdate("DROP TRIGGER events_no_update");
        assertThat(s.executeUpdate("UPDATE events SET payload = '{\"source\":' WHERE event_type = 'list-version-recorded'")).isEqualTo(1);
      }
      int before = output.getAll().length();

      ListsConfiguration.InForceTicker ticker = context.getBean(ListsConfiguration.InForceTicker.class);
      for (int i = 0; i < 3; i++) {
        ticker.tick();
      }

      String log = output.getAll().substring(before);
      assertThat(log.split("the list versions in force are not followed until it is fixed", -1)).as("said once in three ticks").hasSize(2);
      assertThat(log).contains("(stream lists-ofac, list-version-recorded", "compact verify --db URL").doesNotContain("\tat ");
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
