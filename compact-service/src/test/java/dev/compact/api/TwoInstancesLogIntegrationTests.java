package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.store.TestDatabases;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.Proofs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances over one PostgreSQL, written to at once, sign one history: every checkpoint either
 * serves is signed by the shared key, and each later one is provably consistent with each earlier
 * one, whichever instance served it and whichever instance proves it.
 */
class TwoInstancesLogIntegrationTests {

  static ConfigurableApplicationContext start(String db, Path key) {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + db, "--compact.compact-dir=" + Http.example("kyiv-compact"),
        "--compact.write-rate=10000", "--compact.write-burst=10000", "--compact.tick-interval=PT1H", "--compact.log.key=" + key,
        "--compact.log.checkpoint-interval=PT0.2S");
  }

  @Test
  void twoInstancesIssueMutuallyConsistentCheckpoints(@TempDir Path dir) throws Exception {
    String db = TestDatabases.freshUrl("postgresql");
    Path key = dir.resolve("log.key");
    try (ConfigurableApplicationContext a = start(db, key); ConfigurableApplicationContext b = start(db, key)) {
      List<Http> instances = List.of(RecordApiIntegrationTests.http(a), RecordApiIntegrationTests.http(b));
      Tokens tokens = Tokens.create(a);
      NoteKey logKey = NoteKey.parse(json(instances.get(0).get("/api/log/keys").body(), "log"));
      assertThat(json(instances.get(1).get("/api/log/keys").body(), "log")).isEqualTo(logKey.text());
      List<String> served = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        work.add(pool.submit(() -> {
          for (int i = 0; i < 6; i++) {
            Http http = instances.get((writer + i) % 2);
            var response = http.post("/api/incidents", "application/json", AccessMatrixIntegrationTests.incident("two-" + writer + "-" + i),
                Tokens.bearer(tokens.ukr()));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            served.add(instances.get(i % 2).get("/api/log/checkpoint").body());
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      pool.shutdown();
      served.add(instances.get(0).get("/api/log/checkpoint").body());
      served.add(instances.get(1).get("/api/log/checkpoint").body());
      List<Checkpoint> checkpoints = new ArrayList<>();
      for (String text : served) {
        Note note = Note.parse(text);
        assertThat(note.check(logKey)).isInstanceOf(Note.Check.Valid.class);
        checkpoints.add(Checkpoint.parse(note.text()));
      }
      assertThat(checkpoints.stream().mapToLong(Checkpoint::size).max().orElseThrow()).isGreaterThanOrEqualTo(24);
      int proved = 0;
      for (Checkpoint earlier : checkpoints) {
        for (Checkpoint later : checkpoints) {
          if (earlier.size() > later.size() || later.size() == 0) {
            continue;
          }
          Http prover = instances.get(proved++ % 2);
          List<byte[]> proof = proof(prover.get("/api/log/proof/consistency?from=" + earlier.size() + "&to=" + later.size()).body());
          assertThat(Proofs.consistency(earlier.size(), later.size(), proof, earlier.root(), later.root()))
              .as("%d to %d", earlier.size(), later.size()).isTrue();
        }
      }
      assertThat(proved).isGreaterThan(100);
    }
  }

  static String json(String body, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }

  static List<byte[]> proof(String body) {
    List<byte[]> hashes = new ArrayList<>();
    Matcher list = Pattern.compile("\"proof\":\\[([^\\]]*)\\]").matcher(body);
    assertThat(list.find()).as(body).isTrue();
    Matcher hash = Pattern.compile("\"([A-Za-z0-9+/=]+)\"").matcher(list.group(1));
    while (hash.find()) {
      hashes.add(Base64.getDecoder().decode(hash.group(1)));
    }
    return hashes;
  }
}
