package dev.compact.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verifiers read the whole record a page of rows at a time. On PostgreSQL they ran under autocommit, where the
 * driver ignores the fetch size and reads every row of an answer into memory before the first: a large record was
 * loaded whole, and a record larger than the heap could not be verified. A JVM whose heap is about half the size of
 * the record's events verifies it, on both databases.
 */
class VerifierMemoryIntegrationTests {
  static final int EVENTS = 12_000;
  /** About 120 MB of payloads in all, against a 64 MB heap. */
  static final int PAYLOAD = 10_000;
  static final int BATCH = 500;

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRecordLargerThanTheHeapIsVerifiedAPageAtATime(String kind) throws Exception {
    String url = TestDatabases.freshUrl(kind);
    try (Database database = Database.open(url)) {
      EventStore store = new EventStore(database, Clock.systemUTC(), List.of());
      String filler = "x".repeat(PAYLOAD);
      Instant at = Instant.parse("2026-03-01T00:00:00Z");
      for (int batch = 0; batch < EVENTS / BATCH; batch++) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
          events.add(new NewEvent("note", "{\"n\":" + (batch * BATCH + i) + ",\"text\":\"" + filler + "\"}", at, "test"));
        }
        store.append("notes", (long) batch * BATCH, events, Optional.empty());
      }
    }

    List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx64m", "-cp",
        System.getProperty("java.class.path"), VerifierMemoryIntegrationTests.class.getName(), url);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(out).isZero();
    assertThat(out).contains("chain intact, " + EVENTS + " events; log intact, " + EVENTS + " events");
  }

  /** The verifying JVM: both verifiers over the record at args[0]. */
  public static void main(String[] args) {
    try (Database database = Database.open(args[0])) {
      ChainVerifier.Result chain = ChainVerifier.verify(database);
      LogVerifier.Result log = LogVerifier.verify(database, List.of());
      System.out.println("chain " + (chain.firstBreak().isEmpty() ? "intact" : "broken") + ", " + chain.checked() + " events; log "
          + (log.firstBreak().isEmpty() ? "intact" : "broken") + ", " + log.checked() + " events");
    }
  }
}
