package dev.compact.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.agreements.PartyCode;
import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.TestDatabases;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #11: a checkpoint counts as witnessed when enough distinct parties cosigned it with keys
 * configured now. Two keys of one party are one party; a witness removed from
 * {@code compact.log.witnesses} no longer counts; a row a writer of the database adds counts only
 * if its cosignature verifies with a configured key over that checkpoint.
 */
class WitnessQuorumIntegrationTests {
  static final NoteSigner GBR_1 = witness("witness.gbr.compact.example", 21);
  static final NoteSigner GBR_2 = witness("witness2.gbr.compact.example", 22);
  static final NoteSigner POL = witness("witness.pol.compact.example", 23);
  static final NoteSigner FRA = witness("witness.fra.compact.example", 24);
  static final long NOW = 1_767_225_600L;

  static List<String> kinds() {
    return TransparencyLogIntegrationTests.kinds();
  }

  static NoteSigner witness(String name, int seed) {
    return NoteSigner.of(name, NoteKey.COSIGNATURE_V1, TransparencyLogIntegrationTests.seed(seed));
  }

  static Witness configured(String party, NoteSigner key) {
    return new Witness(new PartyCode(party), key.key());
  }

  static void cosign(TransparencyLog log, String party, NoteSigner key, long size) {
    Note issued = log.stored(size).orElseThrow();
    log.cosign(new PartyCode(party), issued.with(key.cosign(issued.text(), NOW)).format());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theQuorumCountsDistinctPartiesAmongTheWitnessesConfiguredNow(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog fill = TransparencyLogIntegrationTests.fill(db);
      EventStore store = new EventStore(db, TransparencyLogIntegrationTests.CLOCK, List.of());
      List<Witness> before = List.of(configured("GBR", GBR_1), configured("GBR", GBR_2), configured("POL", POL));
      TransparencyLog log = new TransparencyLog(store, TransparencyLogIntegrationTests.LOG_KEY, before, 2, TransparencyLogIntegrationTests.CLOCK);
      assertThat(Checkpoint.parse(fill.latest().text()).size()).isEqualTo(7);

      // Checkpoint 7: two keys of GBR, one party: not witnessed. Checkpoint 6: GBR and POL: witnessed.
      cosign(log, "GBR", GBR_1, 7);
      cosign(log, "GBR", GBR_2, 7);
      assertThat(log.cosignatures(7)).hasSize(2);
      assertThat(log.latestWitnessed()).isEmpty();
      cosign(log, "GBR", GBR_1, 6);
      cosign(log, "POL", POL, 6);
      TransparencyLog.Witnessed witnessed = log.latestWitnessed().orElseThrow();
      assertThat(witnessed.size()).isEqualTo(6);
      assertThat(witnessed.witnesses()).extracting(TransparencyLog.Cosigner::party).containsExactlyInAnyOrder("GBR", "POL");

      // POL is removed from the configuration and FRA added: checkpoint 6 no longer has two parties.
      List<Witness> after = List.of(configured("GBR", GBR_1), configured("GBR", GBR_2), configured("FRA", FRA));
      TransparencyLog now = new TransparencyLog(store, TransparencyLogIntegrationTests.LOG_KEY, after, 2, TransparencyLogIntegrationTests.CLOCK);
      assertThat(now.latestWitnessed()).isEmpty();

      // A writer of the database adds FRA's row for checkpoint 7, with FRA's cosignature of checkpoint 6: it does not verify, it does not count.
      Note six = now.stored(6).orElseThrow();
      String copied = FRA.cosign(six.text(), NOW).line().stripTrailing();
      now.keep(7, configured("FRA", FRA), copied, NOW);
      assertThat(now.cosignatures(7)).hasSize(3);
      assertThat(now.latestWitnessed()).isEmpty();
      // FRA's own cosignature of checkpoint 6 does count: GBR and FRA.
      cosign(now, "FRA", FRA, 6);
      assertThat(now.latestWitnessed().map(TransparencyLog.Witnessed::size)).isEqualTo(Optional.of(6L));
      assertThat(now.latestWitnessed().orElseThrow().witnesses()).extracting(TransparencyLog.Cosigner::party)
          .containsExactlyInAnyOrder("GBR", "FRA");

      // A quorum larger than the number of parties is refused at start, however many keys they have.
      assertThatThrownBy(() -> new TransparencyLog(store, TransparencyLogIntegrationTests.LOG_KEY, after, 3, TransparencyLogIntegrationTests.CLOCK))
          .hasMessageContaining("of 2 parties");

      // A cosignature does not sign its witness's name: one key configured for two parties, under
      // one name or two, would make one witness's line count for both. Refused at start, as is the
      // log's own key as a witness's.
      NoteKey renamed = NoteKey.of("witness.pol.compact.example", NoteKey.COSIGNATURE_V1, GBR_1.key().publicKey());
      List<Witness> oneKeyTwice = List.of(configured("GBR", GBR_1), new Witness(new PartyCode("POL"), renamed));
      assertThatThrownBy(() -> new TransparencyLog(store, TransparencyLogIntegrationTests.LOG_KEY, oneKeyTwice, 2,
          TransparencyLogIntegrationTests.CLOCK)).hasMessageContaining("one public key is listed for GBR");
      NoteKey logKey = NoteKey.of("witness.pol.compact.example", NoteKey.COSIGNATURE_V1, TransparencyLogIntegrationTests.LOG_KEY.key().publicKey());
      assertThatThrownBy(() -> new TransparencyLog(store, TransparencyLogIntegrationTests.LOG_KEY,
          List.of(new Witness(new PartyCode("POL"), logKey)), 1, TransparencyLogIntegrationTests.CLOCK))
          .hasMessageContaining("is the log's own key");
    }
  }
}
