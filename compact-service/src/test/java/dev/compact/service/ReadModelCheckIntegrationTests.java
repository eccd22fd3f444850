package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.engine.Engine;
import dev.compact.sources.CompactFolder;
import dev.compact.store.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Audit round 2, finding 10: what readers are shown comes from read-model tables that nothing
 * guards, so a database writer could turn a breach into "fulfilled" and the log still verified. The
 * check folds the log again and names each row that differs.
 */
class ReadModelCheckIntegrationTests {

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void eachChangeToWhatReadersAreShownIsNamed(String kind) throws Exception {
    Compact compact = CompactParser.parse(CompactFolder.read(RebuildIntegrationTests.examples().resolve("kyiv-compact"))).value().orElseThrow();
    Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact), clock)) {
      record.recordHistory(RebuildIntegrationTests.scenarioEvents(compact, "05-measures-decided-and-delivered.yaml"), "test");

      ReadModelCheck.Result intact = ReadModelCheck.check(record.database(), Engine.of(compact), 10);
      assertThat(intact.differences()).isEmpty();
      assertThat(intact.matches()).isTrue();
      assertThat(intact.events()).isEqualTo(record.store().head().seq());
      assertThat(intact.rows()).isGreaterThan(10);

      Queries q = record.queries();
      Map<String, Object> instance = q.rows("SELECT instance_key, state FROM norm_instances ORDER BY instance_key", List.of()).getFirst();
      Map<String, Object> incident = q.rows("SELECT incident_id, severity FROM incidents ORDER BY incident_id", List.of()).getFirst();
      Map<String, Object> support = q.rows("SELECT store_seq, amount FROM support WHERE amount IS NOT NULL ORDER BY store_seq", List.of()).getFirst();
      Map<String, Object> transition = q.rows("SELECT store_seq, position FROM norm_transitions ORDER BY store_seq DESC, position", List.of())
          .getFirst();
      String forged = "breached".equals(instance.get("state")) ? "fulfilled" : "breached";
      int severity = ((Number) incident.get("severity")).intValue() == 1 ? 2 : 1;
      try (Connection c = record.database().dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE norm_instances SET state = '" + forged + "' WHERE instance_key = '" + instance.get("instanceKey") + "'");
        s.executeUpdate("UPDATE incidents SET severity = " + severity + " WHERE incident_id = '" + incident.get("incidentId") + "'");
        s.executeUpdate("UPDATE support SET amount = '1' WHERE store_seq = " + support.get("storeSeq"));
        s.executeUpdate("DELETE FROM norm_transitions WHERE store_seq = " + transition.get("storeSeq") + " AND position = "
            + transition.get("position"));
        // An incident no event reported: the pages would list it.
        s.executeUpdate("INSERT INTO incidents (incident_id, kind, place, severity, reported_by, reported_us, report_seq, status, evidence,"
            + " last_seq, classification) SELECT 'zz-forged', kind, place, severity, reported_by, reported_us, report_seq, status, evidence,"
            + " last_seq, classification FROM incidents WHERE incident_id = '" + incident.get("incidentId") + "'");
      }

      ReadModelCheck.Result changed = ReadModelCheck.check(record.database(), Engine.of(compact), 10);

      assertThat(changed.matches()).isFalse();
      assertThat(changed.differing()).isEqualTo(5);
      assertThat(changed.differences()).extracting(ReadModelCheck.Difference::describe).containsExactly(
          "norm_instances instance_key=" + instance.get("instanceKey") + ": state is '" + forged + "' in the database, the log gives '"
              + instance.get("state") + "'",
          "norm_transitions store_seq=" + transition.get("storeSeq") + ", position=" + transition.get("position")
              + ": the log gives this row, the database does not have it",
          "incidents incident_id=" + incident.get("incidentId") + ": severity is '" + severity + "' in the database, the log gives '"
              + incident.get("severity") + "'",
          "incidents incident_id=zz-forged: the database has this row, the log gives no such row",
          "support store_seq=" + support.get("storeSeq") + ": amount is '1' in the database, the log gives '" + support.get("amount") + "'");
      // Only read: the database under audit still holds the forged rows, for whoever investigates.
      assertThat(q.rows("SELECT state FROM norm_instances WHERE instance_key = ?", List.of(instance.get("instanceKey"))).getFirst())
          .containsEntry("state", forged);
    }
  }
}
