package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.ServiceApplication;
import dev.compact.store.ChainHash;
import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.LogTree;
import dev.compact.store.StoredEvent;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.MemoryTree;
import dev.compact.transparency.MerkleTree;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #11 from end to end, on the demo record with restricted and secret records added: a
 * guarantor's witness cosigns; the public export verifies offline and fails, naming the leaf, when
 * a payload byte is flipped, a leaf dropped or two reordered; then the operator's database is
 * rewritten (an event changed, every later chain hash, the head and the stored tree recomputed),
 * the log refuses to sign the rewritten tree; the operator, holding the log's key, signs it; the
 * witness refuses that checkpoint with the evidence pair, and verify against the checkpoint the
 * witness kept names the event.
 */
class TransparencyEndToEndTests {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void witnessExportAndRewriteDetection(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("keys");
    assertThat(CliRun.of("keys", "witness", "GBR", "--out", keys.toString()).exitCode()).isZero();
    String witnessKey = Files.readString(keys.resolve("GBR.witness.vkey")).strip();
    String db = dir.resolve("c.db").toString();
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + db,
        "--compact.compact-dir=" + CliRun.example("kyiv-compact"), "--compact.history=" + CliRun.example("kyiv-compact/demo/history.yaml"),
        "--compact.test-clock=true", "--compact.tick-interval=PT1H", "--compact.log.key=" + dir.resolve("log.key"),
        "--compact.log.origin=log.test.example/kyiv", "--compact.log.witnesses[0]=GBR=" + witnessKey, "--compact.log.quorum=1")) {
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      var accounts = context.getBean(dev.compact.access.Accounts.class);
      accounts.add("ua-cell", List.of("secretariat", "protected:UKR"));
      accounts.add("gbr-witness", List.of("guarantor:GBR"));
      accounts.add("ukr-desk", List.of("protected:UKR"));
      String cell = accounts.issue("ua-cell", java.time.Duration.ofDays(1)).token();
      Path gbrToken = dir.resolve("gbr.token");
      Files.writeString(gbrToken, accounts.issue("gbr-witness", java.time.Duration.ofDays(1)).token());
      String ukr = accounts.issue("ukr-desk", java.time.Duration.ofDays(1)).token();
      // Restricted and secret records, then a public one after them.
      post(base, "/api/incidents", incident("e2e-restricted", "restricted"), cell);
      post(base, "/api/incidents", incident("e2e-secret", "secret"), cell);
      post(base, "/api/incidents", incident("e2e-public", null), ukr);

      String logKey = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/log/keys")).build(), HttpResponse.BodyHandlers.ofString())
          .body().replaceAll("(?s).*\"log\":\"([^\"]+)\".*", "$1");
      Path state = dir.resolve("gbr-state");
      CliRun first = CliRun.of("witness", "--log", base, "--party", "GBR", "--key", keys.resolve("GBR.witness.key").toString(),
          "--state", state.toString(), "--log-key", logKey, "--token-file", gbrToken.toString());
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out()).contains("cosigned checkpoint");
      assertThat(get(base, "/api/log/checkpoint")).contains("witness.gbr.compact.example");
      assertThat(get(base, "/api/log/keys")).contains("\"latestWitnessed\":{", "\"party\":\"GBR\"");
      assertThat(get(base, "/")).contains("Latest witnessed checkpoint", "cosigned by", "GBR (witness.gbr.compact.example");

      // The export, verified offline with the log's and the witness's keys.
      Path trust = dir.resolve("trust.txt");
      Files.writeString(trust, "# the log and GBR's witness\n" + logKey + "\n" + witnessKey + "\n");
      Path export = dir.resolve("export");
      CliRun exported = CliRun.of("export", "--public", export.toString(), "--db", db);
      assertThat(exported.exitCode()).as(exported.err()).isZero();
      assertThat(exported.out()).contains("classified as leaves only");
      String leaves = Files.readString(export.resolve("leaves.jsonl"));
      assertThat(leaves).doesNotContain("e2e-restricted", "e2e-secret").contains("e2e-public");
      CliRun verified = CliRun.of("verify", "--export", export.toString(), "--trust", trust.toString());
      assertThat(verified.exitCode()).as(verified.err()).isZero();
      assertThat(verified.out()).contains("cosigned by witness.gbr.compact.example");

      List<String> lines = new ArrayList<>(List.of(leaves.split("\n")));
      int publicLine = lines.indexOf(lines.stream().filter(l -> l.contains("e2e-public")).findFirst().orElseThrow());
      assertThat(verifyAltered(dir, trust, export, "flipped", lines, altered -> altered.set(publicLine,
          altered.get(publicLine).replace("e2e-public", "e2e-publid"))))
          .contains("leaf " + publicLine + ": the event's content does not match");
      assertThat(verifyAltered(dir, trust, export, "dropped", lines, altered -> altered.remove(5)))
          .contains("where leaf 5 belongs", "position 5");
      assertThat(verifyAltered(dir, trust, export, "reordered", lines, altered -> java.util.Collections.swap(altered, 7, 8)))
          .contains("where leaf 7 belongs", "position 7");

      // The rewrite: event 10 changed, every later chain hash, the head and the stored tree recomputed.
      rewrite(db, 10);
      // The log does not sign the rewritten tree, now or after the record grows: it no longer gives
      // the root the log signed. It serves the checkpoint signed before, and a witness finds nothing new.
      var log = context.getBean(dev.compact.log.TransparencyLog.class);
      assertThatThrownBy(log::issue).isInstanceOf(dev.compact.log.RecordAltered.class);
      // Nor does the service take writes over it (audit round 3, finding 15): 503, nothing recorded.
      HttpResponse<String> refusedWrite = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/incidents"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + ukr)
          .POST(HttpRequest.BodyPublishers.ofString(incident("e2e-after", null))).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refusedWrite.statusCode()).as(refusedWrite.body()).isEqualTo(503);
      // The operator grows the record with the store's own SQL instead, and the log still signs nothing.
      try (Database database = Database.open(db)) {
        var grown = new dev.compact.service.EventCodec().encode(new dev.compact.engine.Event.TimeAdvanced(java.time.Instant.now(),
            java.time.Instant.now()));
        EventStore store = new EventStore(database, Clock.systemUTC(), List.of());
        store.append("clock", store.streamVersion("clock"), List.of(new dev.compact.store.NewEvent(grown.type(), grown.payload(),
            java.time.Instant.now(), "operator")), java.util.Optional.empty());
      }
      assertThatThrownBy(log::issue).isInstanceOf(dev.compact.log.RecordAltered.class);
      CliRun quiet = CliRun.of("witness", "--log", base, "--party", "GBR", "--key", keys.resolve("GBR.witness.key").toString(),
          "--state", state.toString(), "--token-file", gbrToken.toString());
      assertThat(quiet.exitCode()).as(quiet.err()).isZero();
      assertThat(quiet.out()).contains("nothing new to cosign");
      // The operator, who holds the log's key, signs the rewritten tree itself: the witness's first
      // run after that refuses it.
      signAsOperator(db, dir.resolve("log.key"));
      CliRun refused = CliRun.of("witness", "--log", base, "--party", "GBR", "--key", keys.resolve("GBR.witness.key").toString(),
          "--state", state.toString(), "--token-file", gbrToken.toString());
      assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(3);
      assertThat(refused.err()).contains("REFUSED", "the checkpoint cosigned before:", "the checkpoint offered now:", "alone they prove no fork");
      try (var evidence = Files.list(state)) {
        assertThat(evidence.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("evidence-"));
      }
      CliRun caught = CliRun.of("verify", "--db", db, "--checkpoint", state.resolve("checkpoint").toString(), "--trust", trust.toString());
      assertThat(caught.exitCode()).isEqualTo(1);
      assertThat(caught.err()).contains("event 10 (leaf 9)");
    }
  }

  interface Edit {
    void apply(List<String> lines);
  }

  static String verifyAltered(Path dir, Path trust, Path export, String name, List<String> lines, Edit edit) throws Exception {
    Path copy = dir.resolve("export-" + name);
    Files.createDirectories(copy.resolve("checkpoints"));
    try (var files = Files.list(export.resolve("checkpoints"))) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve("checkpoints").resolve(file.getFileName()));
      }
    }
    List<String> altered = new ArrayList<>(lines);
    edit.apply(altered);
    Files.writeString(copy.resolve("leaves.jsonl"), String.join("\n", altered) + "\n");
    CliRun run = CliRun.of("verify", "--export", copy.toString(), "--trust", trust.toString());
    assertThat(run.exitCode()).as(name).isEqualTo(1);
    return run.err();
  }

  static String incident(String id, String classification) {
    return "{\"id\": \"" + id + "\", \"kind\": \"armed-attack\", \"place\": \"UA-63\", \"severity\": 4, \"reportedBy\": \"UKR\""
        + (classification == null ? "" : ", \"classification\": \"" + classification + "\"") + "}";
  }

  static void post(String base, String path, String json, String token) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
  }

  static String get(String base, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /**
   * What the operator, who also holds the log's key, can do on top of a rewrite: sign the tree as the
   * tables now hold it (the service refuses to, RecordAltered) and put the checkpoint where the
   * service serves it from.
   */
  static Note signAsOperator(String db, Path keyFile) throws Exception {
    NoteSigner signer = dev.compact.log.KeyFiles.read(keyFile);
    try (Database database = Database.open(db)) {
      Checkpoint checkpoint = new EventStore(database, Clock.systemUTC(), List.of()).readTree(c -> {
        long size = LogTree.size(c);
        return new Checkpoint(signer.name(), size, LogTree.withNodes(c, nodes -> MerkleTree.root(size, nodes)));
      });
      Note note = new Note(checkpoint.text(), List.of(signer.sign(checkpoint.text())));
      try (Connection c = database.dataSource().getConnection();
          PreparedStatement insert = c.prepareStatement("INSERT INTO log_checkpoints (size, root, note, issued_at) VALUES (?, ?, ?, ?)")) {
        insert.setLong(1, checkpoint.size());
        insert.setString(2, dev.compact.transparency.Hashes.hex(checkpoint.root()));
        insert.setString(3, note.format());
        insert.setString(4, java.time.Instant.now().toString());
        insert.executeUpdate();
      }
      return note;
    }
  }

  /** What an operator with the database (and without the log's key) can do: everything but sign. */
  static void rewrite(String db, long target) throws Exception {
    try (Database database = Database.open(db)) {
      List<StoredEvent> events = new EventStore(database, Clock.systemUTC(), List.of()).read(1, 100_000);
      List<byte[]> salts = new ArrayList<>();
      List<String> classifications = new ArrayList<>();
      try (Connection c = database.dataSource().getConnection()) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT leaf_salt, leaf_classification FROM events ORDER BY seq")) {
          while (rs.next()) {
            salts.add(rs.getBytes(1));
            classifications.add(rs.getString(2));
          }
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          List<String> triggers = new ArrayList<>();
          try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'trigger'")) {
            while (rs.next()) {
              triggers.add(rs.getString(1));
            }
          }
          for (String trigger : triggers) {
            s.executeUpdate("DROP TRIGGER " + trigger);
          }
          s.executeUpdate("DELETE FROM log_nodes");
        }
        String prev = events.get((int) target - 2).hash();
        MemoryTree tree = new MemoryTree();
        try (PreparedStatement update = c.prepareStatement("UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?");
            PreparedStatement leaf = c.prepareStatement("UPDATE events SET leaf_hash = ? WHERE seq = ?")) {
          for (StoredEvent e : events) {
            StoredEvent now = e;
            if (e.seq() >= target) {
              String payload = e.seq() == target ? e.payload().replace("}", ",\"note\":\"rewritten\"}") : e.payload();
              String hash = ChainHash.of(prev, e.seq(), e.streamId(), e.streamVersion(), e.type(), payload, e.occurredAt().toString(),
                  e.recordedAt().toString(), e.actor());
              update.setString(1, payload);
              update.setString(2, prev);
              update.setString(3, hash);
              update.setLong(4, e.seq());
              update.executeUpdate();
              now = new StoredEvent(e.seq(), e.streamId(), e.streamVersion(), e.type(), payload, e.occurredAt(), e.recordedAt(), e.actor(), prev,
                  hash);
              prev = hash;
            }
            byte[] hash = LogTree.leaf(now, salts.get((int) e.seq() - 1), classifications.get((int) e.seq() - 1)).hash();
            tree.append(hash);
            // The attacker recomputes every leaf in the events' rows, with the same salts and classifications.
            leaf.setBytes(1, hash);
            leaf.setLong(2, e.seq());
            leaf.executeUpdate();
          }
        }
        try (PreparedStatement node = c.prepareStatement("INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)")) {
          for (int level = 0; (1L << level) <= events.size(); level++) {
            for (long index = 0; (index + 1) << level <= events.size(); index++) {
              node.setInt(1, level);
              node.setLong(2, index);
              node.setBytes(3, tree.node(level, index));
              node.addBatch();
            }
          }
          node.executeBatch();
        }
        try (PreparedStatement head = c.prepareStatement("UPDATE chain_head SET hash = ? WHERE id = 1")) {
          head.setString(1, prev);
          head.executeUpdate();
        }
        c.commit();
      }
    }
  }
}
