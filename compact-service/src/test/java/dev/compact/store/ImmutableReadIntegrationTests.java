package dev.compact.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record nothing has open is read as an immutable SQLite file, without locks (audit5 C22); a writer that opens it during
 * the read may make the reader see a mix of before and after. Review6 L10: verify then reported that mix as tampering. The
 * read now knows whether the record changed under it.
 */
class ImmutableReadIntegrationTests {

  private static void append(Database database, long expected) {
    EventStore store = new EventStore(database, Clock.systemUTC(), List.of());
    store.append("s", expected, List.of(new NewEvent("note", "{\"n\":" + expected + "}", Instant.parse("2026-01-01T00:00:00Z"), "test")),
        Optional.empty());
  }

  private static String recordWithOneEvent(Path dir) {
    String db = dir.resolve("c.db").toString();
    try (Database database = Database.open(db)) {
      append(database, 0);
    }
    return db;
  }

  @Test
  void aRecordReadWithoutLocksKnowsThatAWriterOpenedItDuringTheRead(@TempDir Path dir) {
    String db = recordWithOneEvent(dir);
    try (Database reader = Database.openReadOnly(db)) {
      assertThat(ChainVerifier.verify(reader).checked()).isEqualTo(1);
      assertThat(reader.changedWhileRead()).as("nothing wrote it yet").isFalse();

      try (Database writer = Database.open(db)) {
        append(writer, 1);
        assertThat(reader.changedWhileRead()).as("a writer has it open").isTrue();
      }
      assertThat(reader.changedWhileRead()).as("the writer came and went: the file is not the one the read began on").isTrue();
    }
  }

  @Test
  void aRecordAWriterHasOpenIsReadUnderLocksAndNeverCountsAsChanged(@TempDir Path dir) {
    String db = recordWithOneEvent(dir);
    try (Database writer = Database.open(db)) {
      append(writer, 1);
      try (Database reader = Database.openReadOnly(db)) {
        append(writer, 2);

        assertThat(ChainVerifier.verify(reader).checked()).isEqualTo(3);
        assertThat(reader.changedWhileRead()).as("SQLite's locks keep this read consistent").isFalse();
      }
    }
  }
}
