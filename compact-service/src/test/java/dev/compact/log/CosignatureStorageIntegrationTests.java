package dev.compact.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.agreements.PartyCode;
import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.StoreException;
import dev.compact.store.TestDatabases;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteSigner;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A witness's cosignature is either kept or refused, never answered as kept while the database
 * failed to store it: before, any store failure was taken for "cosigned before" and swallowed, so
 * the witness was told its cosignature counted while the checkpoint stayed short of its quorum.
 */
class CosignatureStorageIntegrationTests {
  static final NoteSigner GBR = WitnessQuorumIntegrationTests.witness("witness.gbr.compact.example", 31);

  static List<String> kinds() {
    return TransparencyLogIntegrationTests.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aSecondCosignatureOfOneWitnessIsDroppedAndTheFirstStands(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog log = log(db);
      WitnessQuorumIntegrationTests.cosign(log, "GBR", GBR, 7);
      TransparencyLog.Cosigned first = log.cosignatures(7).getFirst();

      Note issued = log.stored(7).orElseThrow();
      log.cosign(new PartyCode("GBR"), issued.with(GBR.cosign(issued.text(), WitnessQuorumIntegrationTests.NOW + 60)).format());

      assertThat(log.cosignatures(7)).containsExactly(first);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aCosignatureTheDatabaseCannotStoreIsRefusedNotAnsweredAsKept(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog log = log(db);
      try (Connection connection = db.dataSource().getConnection(); Statement s = connection.createStatement()) {
        s.executeUpdate("ALTER TABLE log_cosignatures RENAME TO log_cosignatures_gone");
      }

      assertThatThrownBy(() -> WitnessQuorumIntegrationTests.cosign(log, "GBR", GBR, 7)).isInstanceOf(StoreException.class);
    }
  }

  private static TransparencyLog log(Database db) {
    TransparencyLogIntegrationTests.fill(db);
    EventStore store = new EventStore(db, TransparencyLogIntegrationTests.CLOCK, List.of());
    return new TransparencyLog(store, TransparencyLogIntegrationTests.LOG_KEY,
        List.of(WitnessQuorumIntegrationTests.configured("GBR", GBR)), 1, TransparencyLogIntegrationTests.CLOCK);
  }
}
