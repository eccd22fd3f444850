package dev.compact.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.TestDatabases;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #11: the log never signs with a key that did not sign the checkpoints it already holds (a
 * key file lost and silently made anew, or the wrong file): its checkpoints would contradict what
 * the witnesses hold. {@code ServeCommandTests} checks the same through {@code compact serve}.
 */
class LogKeyIntegrationTests {

  static List<String> kinds() {
    return TransparencyLogIntegrationTests.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aKeyThatDidNotSignTheStoredCheckpointsIsRefused(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLogIntegrationTests.fill(db);
      EventStore store = new EventStore(db, TransparencyLogIntegrationTests.CLOCK, List.of());
      NoteSigner other = NoteSigner.of(TransparencyLogIntegrationTests.LOG_KEY.name(), NoteKey.ED25519, TransparencyLogIntegrationTests.seed(8));
      assertThatThrownBy(() -> new TransparencyLog(store, other, List.of(), 0, TransparencyLogIntegrationTests.CLOCK))
          .isInstanceOf(LogKeyRefused.class).hasMessageContaining("did not sign the latest checkpoint the database holds (size 7, signed by "
              + TransparencyLogIntegrationTests.LOG_KEY.name() + " with key ID");
      // The key that signed them goes on.
      TransparencyLog same = new TransparencyLog(store, TransparencyLogIntegrationTests.LOG_KEY, List.of(), 0, TransparencyLogIntegrationTests.CLOCK);
      assertThat(same.latestIssued().check(TransparencyLogIntegrationTests.LOG_KEY.key())).isInstanceOf(dev.compact.transparency.Note.Check.Valid.class);
    }
  }
}
