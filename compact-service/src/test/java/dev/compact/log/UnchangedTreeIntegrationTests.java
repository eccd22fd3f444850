package dev.compact.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.ChainVerifier;
import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.LogVerifier;
import dev.compact.store.NewEvent;
import dev.compact.store.TestDatabases;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Proofs;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Audit round 2, finding 1: the docs said every witness finds a rewrite of history. A writer who
 * changes an event (and its chain hashes) but leaves the stored leaf hashes and tree alone changes
 * no root: the log keeps signing, and each new checkpoint is consistent with the old ones, so a
 * witness cosigns it. Only verify, recomputing each leaf from its event, finds it; the docs now say
 * so, and this pins what they say.
 */
class UnchangedTreeIntegrationTests {

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anEventChangedUnderItsStoredLeafPassesWitnessesButNotVerify(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog log = TransparencyLogIntegrationTests.fill(db);
      Checkpoint before = Checkpoint.parse(log.latest().text());
      TransparencyLogIntegrationTests.rewriteEvent4(db, kind, false);
      assertThat(ChainVerifier.verify(db).intact()).isTrue();

      EventStore store = new EventStore(db, TransparencyLogIntegrationTests.CLOCK, List.of());
      store.append("s1", store.streamVersion("s1"), List.of(new NewEvent("incident-reported", "{\"n\":8}",
          TransparencyLogIntegrationTests.T0.plusSeconds(8), "desk")), Optional.empty());
      log.issue();
      Checkpoint after = Checkpoint.parse(log.latest().text());

      // What a witness checks: the new checkpoint extends the one it holds. It does.
      assertThat(after.size()).isEqualTo(8);
      assertThat(Proofs.consistency(before.size(), after.size(), log.consistency(before.size(), after.size()), before.root(), after.root()))
          .isTrue();
      // What verify checks: each leaf recomputed from its event.
      assertThat(LogVerifier.verify(db, List.of(before, after)).firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(4);
        assertThat(b.reason()).contains("differs from the one that checkpoint 7 committed to");
      });
      assertThat(LogVerifier.verify(db, List.of()).firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(4);
        assertThat(b.reason()).contains("its leaf does not match the event");
      });
    }
  }
}
