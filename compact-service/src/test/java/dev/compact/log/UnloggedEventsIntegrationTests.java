package dev.compact.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.engine.Engine;
import dev.compact.sanctionsregister.SharedLists;
import dev.compact.service.RecordService;
import dev.compact.service.Registrations;
import dev.compact.service.UnloggedEvents;
import dev.compact.store.ChainHash;
import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.LogTree;
import dev.compact.store.NewEvent;
import dev.compact.store.StoredEvent;
import dev.compact.store.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #11: the service adds a leaf at start to events that lack one, for records made before the
 * log existed. After the log has signed a checkpoint, an event without a leaf was written to the
 * database outside the service (the service writes each leaf with its event): it is refused, not
 * silently signed into the witnessed history, unless the operator says to accept it.
 */
class UnloggedEventsIntegrationTests {

  static List<String> kinds() {
    return TransparencyLogIntegrationTests.kinds();
  }

  static NewEvent key(String party) {
    return new NewEvent(Registrations.KEY_REGISTERED, "{\"party\":\"" + party + "\",\"publicKey\":\"-----BEGIN PUBLIC KEY-----\"}",
        TransparencyLogIntegrationTests.T0, "desk");
  }

  /** The next event of the chain with its hash and the head moved, as a writer of the database can add it: without a leaf. */
  static void appendWithoutLeaf(Database db, String kind, String party) throws Exception {
    EventStore store = new EventStore(db, TransparencyLogIntegrationTests.CLOCK, List.of());
    long seq;
    String prev;
    try (Connection c = db.dataSource().getConnection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT seq, hash FROM chain_head")) {
      rs.next();
      seq = rs.getLong(1) + 1;
      prev = rs.getString(2);
    }
    NewEvent event = key(party);
    String at = event.occurredAt().toString();
    String hash = ChainHash.of(prev, seq, "party-" + party, 1, event.type(), event.payload(), at, at, event.actor());
    TransparencyLogIntegrationTests.disableGuards(db, kind);
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement insert = c.prepareStatement("INSERT INTO events (seq, stream_id, stream_version, event_type, payload, occurred_at,"
            + " recorded_at, actor, prev_hash, hash) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement head = c.prepareStatement("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1")) {
      insert.setLong(1, seq);
      insert.setString(2, "party-" + party);
      insert.setString(3, event.type());
      insert.setString(4, event.payload());
      insert.setString(5, at);
      insert.setString(6, at);
      insert.setString(7, event.actor());
      insert.setString(8, prev);
      insert.setString(9, hash);
      insert.executeUpdate();
      head.setLong(1, seq);
      head.setString(2, hash);
      head.executeUpdate();
    }
    assertThat(store.read(seq, 1)).extracting(StoredEvent::hash).containsExactly(hash);
  }

  static long leaves(Database db) throws Exception {
    try (Connection c = db.dataSource().getConnection()) {
      return LogTree.size(c);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anEventWithoutALeafAfterACheckpointIsRefusedAtStartUnlessAccepted(String kind) throws Exception {
    String url = TestDatabases.freshUrl(kind);
    try (Database db = Database.open(url)) {
      EventStore store = new EventStore(db, TransparencyLogIntegrationTests.CLOCK, List.of());
      store.append("party-GBR", 0, List.of(key("GBR")), Optional.empty());
      store.append("party-FRA", 0, List.of(key("FRA")), Optional.empty());
      new TransparencyLog(store, TransparencyLogIntegrationTests.LOG_KEY, List.of(), 0, TransparencyLogIntegrationTests.CLOCK);
      appendWithoutLeaf(db, kind, "POL");
      assertThat(leaves(db)).isEqualTo(2);
    }
    assertThatThrownBy(() -> new RecordService(Database.open(url), Engine.of(SharedLists.kyivCompact()), TransparencyLogIntegrationTests.CLOCK))
        .isInstanceOf(UnloggedEvents.class).hasMessageContaining("events 3 to 3 have no leaf in the transparency log")
        .hasMessageContaining("the latest of size 2").hasMessageContaining("--compact.log.accept-unlogged-events=true");
    try (Database db = Database.open(url)) {
      assertThat(leaves(db)).as("nothing was added").isEqualTo(2);
    }
    try (RecordService accepted = new RecordService(Database.open(url), Engine.of(SharedLists.kyivCompact()),
        TransparencyLogIntegrationTests.CLOCK, true)) {
      assertThat(leaves(accepted.database())).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void eventsRecordedBeforeTheLogSignedAnythingGetTheirLeavesAtStart(String kind) throws Exception {
    String url = TestDatabases.freshUrl(kind);
    try (Database db = Database.open(url)) {
      appendWithoutLeaf(db, kind, "GBR");
      appendWithoutLeaf(db, kind, "FRA");
    }
    try (RecordService record = new RecordService(Database.open(url), Engine.of(SharedLists.kyivCompact()), TransparencyLogIntegrationTests.CLOCK)) {
      assertThat(leaves(record.database())).isEqualTo(2);
    }
  }
}
