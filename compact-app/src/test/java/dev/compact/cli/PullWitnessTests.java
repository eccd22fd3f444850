package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.compact.log.KeyFiles;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Hashes;
import dev.compact.transparency.MemoryTree;
import dev.compact.transparency.MerkleTree;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11: {@code compact witness} (pull) against a log that misbehaves over real HTTP: it holds
 * the log's key, serves whatever checkpoint it likes, gives proofs from whichever history it serves,
 * and answers the cosignature's post as it pleases. The witness must keep what it cosigned before
 * the cosignature leaves it, so that no answer of the log gets it to cosign two histories; and it
 * must tell an old checkpoint the log proves consistent (stale) from one of another history (a fork).
 */
class PullWitnessTests {
  static final String ORIGIN = "log.test.example/pull";

  @TempDir Path dir;
  NoteSigner logKey;
  Path witnessKey;
  NoteKey witness;
  Path token;

  @BeforeEach
  void keys() throws Exception {
    logKey = KeyFiles.create(dir.resolve("log.key"), ORIGIN, NoteKey.ED25519);
    assertThat(CliRun.of("keys", "witness", "GBR", "--out", dir.resolve("keys").toString()).exitCode()).isZero();
    witnessKey = dir.resolve("keys/GBR.witness.key");
    witness = NoteKey.parse(Files.readString(dir.resolve("keys/GBR.witness.vkey")).strip());
    token = dir.resolve("gbr.token");
    Files.writeString(token, "a-token");
  }

  @Test
  void keepsWhatItCosignedWhenTheLogRefusesThePostAndThenRefusesAnotherExtensionOfTheOldCheckpoint() throws Exception {
    try (FakeLog log = FakeLog.start(logKey)) {
      log.serve(tree("a", 3));
      assertThat(witness(log).exitCode()).isZero();

      // The operator takes the cosignature of B and answers 500, as if it never arrived.
      MemoryTree b = tree("a", 3, "b", 2);
      log.serve(b);
      log.postStatus = 500;
      CliRun lost = witness(log);
      assertThat(lost.exitCode()).isEqualTo(1);
      assertThat(lost.err()).contains("did not take the cosignature (500)", "stays cosigned");
      Note taken = Note.parse(log.posted.getLast());
      assertThat(Checkpoint.parse(taken.text()).size()).isEqualTo(5);
      assertThat(taken.check(witness)).isInstanceOf(Note.Check.Valid.class);
      assertThat(held().size()).as("kept before it was posted").isEqualTo(5);
      assertThat(held().root()).isEqualTo(b.root());

      // Then it serves B': another extension of A, larger than B. The witness holds B: refused, with the pair.
      MemoryTree forked = tree("a", 3, "x", 3);
      log.serve(forked);
      log.postStatus = 200;
      int posts = log.posted.size();
      CliRun refused = witness(log);
      assertThat(refused.exitCode()).as(refused.err()).isEqualTo(3);
      assertThat(refused.err()).contains("REFUSED", "checkpoint 6 is not proved to extend checkpoint 5", "the checkpoint cosigned before:");
      assertThat(log.posted).hasSize(posts);
      String pair = Files.readString(dir.resolve("state/evidence-5-6.txt"));
      assertThat(refused.err()).contains(pair);
      assertThat(pair).contains(Base64.getEncoder().encodeToString(b.root()), Base64.getEncoder().encodeToString(forked.root()));
      assertThat(held().root()).isEqualTo(b.root());

      // B' of the same size as B: refused too.
      log.serve(tree("a", 3, "y", 2));
      CliRun same = witness(log);
      assertThat(same.exitCode()).isEqualTo(3);
      assertThat(same.err()).contains("two roots for the same size 5");
    }
  }

  @Test
  void postsAKeptCosignatureAgainWhenTheLogServesThatCheckpointWithoutIt() throws Exception {
    try (FakeLog log = FakeLog.start(logKey)) {
      log.serve(tree("a", 4));
      log.postStatus = 503;
      assertThat(witness(log).exitCode()).isEqualTo(1);
      String first = log.posted.getLast();
      log.postStatus = 200;
      CliRun again = witness(log);
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out()).contains("posted it again");
      assertThat(log.posted.getLast()).as("the same cosignature, not a second one").isEqualTo(first);

      // Once the log serves it with the cosignature, there is nothing to do.
      log.served = Note.parse(first);
      CliRun done = witness(log);
      assertThat(done.exitCode()).isZero();
      assertThat(done.out()).contains("nothing new to cosign");
      assertThat(log.posted).hasSize(2);
    }
  }

  @Test
  void aSmallerCheckpointTheLogProvesConsistentIsStaleNotAFork() throws Exception {
    try (FakeLog log = FakeLog.start(logKey)) {
      MemoryTree tree = tree("a", 6);
      log.serve(tree);
      assertThat(witness(log).exitCode()).isZero();
      log.serve(tree, 4);
      CliRun stale = witness(log);
      assertThat(stale.exitCode()).as(stale.err()).isEqualTo(4);
      assertThat(stale.out()).contains("stale: the log serves checkpoint 4, older than checkpoint 6");
      assertThat(stale.err()).doesNotContain("REFUSED");
      assertThat(evidence()).isEmpty();
      assertThat(held().size()).isEqualTo(6);
      // The empty tree is a prefix of every tree.
      log.serve(tree, 0);
      assertThat(witness(log).exitCode()).isEqualTo(4);
      // And the log moves on: cosigned as usual.
      MemoryTree grown = tree("a", 6, "b", 1);
      log.serve(grown);
      assertThat(witness(log).exitCode()).isZero();
      assertThat(held().size()).isEqualTo(7);
    }
  }

  @Test
  void aSmallerCheckpointOfAnotherHistoryIsAForkAndOneWithoutAProofIsNeither() throws Exception {
    try (FakeLog log = FakeLog.start(logKey)) {
      log.serve(tree("a", 5));
      assertThat(witness(log).exitCode()).isZero();
      // A smaller checkpoint of another history: the log's proof from it to the held size fails.
      log.serve(tree("b", 8), 3);
      CliRun forked = witness(log);
      assertThat(forked.exitCode()).as(forked.out() + forked.err()).isEqualTo(3);
      assertThat(forked.err()).contains("REFUSED: checkpoint 5 cosigned before is not proved to extend checkpoint 3");
      assertThat(evidence()).containsExactly("evidence-5-3.txt");
      assertThat(forked.err()).contains(Files.readString(dir.resolve("state/evidence-5-3.txt")));
      // A smaller checkpoint and no proof (the log's tree is smaller than what the witness holds): not evidence, an error.
      log.serve(tree("a", 3));
      CliRun unproved = witness(log);
      assertThat(unproved.exitCode()).isEqualTo(1);
      assertThat(unproved.err()).contains("gives no consistency proof between them");
      assertThat(evidence()).containsExactly("evidence-5-3.txt");
      assertThat(held().size()).isEqualTo(5);
    }
  }

  /**
   * Someone between the witness and an honest log changes its consistency proofs. An answer that is
   * no proof is an error that cosigns nothing. A proof with one hash changed fails: the witness
   * refuses and keeps both checkpoints with the proof it was given, but says that they prove no fork
   * by themselves (the log signs checkpoints, not proofs). With the log's own proof it cosigns.
   */
  @Test
  void aProofChangedOnItsWayIsRefusedWithoutCallingItAFork() throws Exception {
    try (FakeLog log = FakeLog.start(logKey)) {
      log.serve(tree("a", 5));
      assertThat(witness(log).exitCode()).isZero();
      log.serve(tree("a", 8));
      for (String answer : List.of("<html>proxy error</html>", "{\"from\":5}", "{\"proof\":[1,2]}", "{\"proof\":[\"AAAA\"]}")) {
        log.proofAnswer = honest -> answer;
        CliRun run = witness(log);
        assertThat(run.exitCode()).as(answer + ": " + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("GET /api/log/proof/consistency?from=5&to=8 answered", "nothing cosigned")
            .doesNotContain("internal error");
      }
      assertThat(evidence()).isEmpty();
      assertThat(held().size()).isEqualTo(5);

      log.proofAnswer = PullWitnessTests::flipFirstHash;
      CliRun flipped = witness(log);
      assertThat(flipped.exitCode()).as(flipped.err()).isEqualTo(3);
      assertThat(flipped.err()).contains("REFUSED: checkpoint 8 is not proved to extend checkpoint 5", "alone they prove no fork",
          "Ask the log for the consistency proof from 5 to 8", "# the proof given:").doesNotContain("together they prove");
      assertThat(Files.readString(dir.resolve("state/evidence-5-8.txt"))).contains("alone they prove no fork", "the checkpoint offered now:");
      assertThat(held().size()).isEqualTo(5);

      log.proofAnswer = honest -> honest;
      CliRun cosigned = witness(log);
      assertThat(cosigned.exitCode()).as(cosigned.err()).isZero();
      assertThat(held().size()).isEqualTo(8);
    }
  }

  /** The proof answer with one bit of its first hash flipped. */
  static String flipFirstHash(String answer) {
    java.util.regex.Matcher first = java.util.regex.Pattern.compile("\"proof\":\\[\"([^\"]+)\"").matcher(answer);
    assertThat(first.find()).isTrue();
    byte[] hash = Base64.getDecoder().decode(first.group(1));
    hash[0] ^= 1;
    return answer.substring(0, first.start(1)) + Base64.getEncoder().encodeToString(hash) + answer.substring(first.end(1));
  }

  List<String> evidence() throws IOException {
    try (var files = Files.list(dir.resolve("state"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("evidence-")).sorted().toList();
    }
  }

  CliRun witness(FakeLog log) {
    return CliRun.of("witness", "--log", log.url(), "--party", "GBR", "--key", witnessKey.toString(), "--state", dir.resolve("state").toString(),
        "--log-key", logKey.key().text(), "--token-file", token.toString());
  }

  Checkpoint held() throws IOException {
    return Checkpoint.parse(Note.parse(Files.readString(dir.resolve("state/checkpoint"))).text());
  }

  /** A tree of leaves named by prefix and count: {@code tree("a", 3, "b", 2)} is a0 a1 a2 b0 b1. */
  static MemoryTree tree(Object... parts) {
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < parts.length; i += 2) {
      for (int j = 0; j < (int) parts[i + 1]; j++) {
        tree.append(Hashes.leaf((parts[i] + "" + j).getBytes(StandardCharsets.UTF_8)));
      }
    }
    return tree;
  }

  /**
   * A log as its operator may run it, over real HTTP: the checkpoint it serves, consistency proofs
   * from the tree it serves, and whatever status it answers a cosignature's post with (the posts kept).
   */
  static final class FakeLog implements AutoCloseable {
    final HttpServer server;
    final NoteSigner key;
    volatile Note served;
    volatile MemoryTree tree;
    volatile int postStatus = 200;
    /** What reaches the witness instead of the log's consistency proof: as someone between them may change it. */
    volatile java.util.function.UnaryOperator<String> proofAnswer = honest -> honest;
    final List<String> posted = Collections.synchronizedList(new ArrayList<>());

    private FakeLog(HttpServer server, NoteSigner key) {
      this.server = server;
      this.key = key;
    }

    static FakeLog start(NoteSigner key) throws IOException {
      FakeLog log = new FakeLog(HttpServer.create(new InetSocketAddress("localhost", 0), 0), key);
      log.server.createContext("/api/log/checkpoint", exchange -> answer(exchange, 200, log.served.format()));
      log.server.createContext("/api/log/proof/consistency", exchange -> {
        Map<String, Long> query = java.util.Arrays.stream(exchange.getRequestURI().getQuery().split("&"))
            .collect(Collectors.toMap(p -> p.split("=")[0], p -> Long.parseLong(p.split("=")[1])));
        long from = query.get("from");
        long to = query.get("to");
        if (to > log.tree.size() || from > to) {
          answer(exchange, 422, "{\"error\": \"size must be from 1 to the tree's size\"}");
          return;
        }
        String proof = MerkleTree.consistency(from, to, log.tree).stream().map(h -> "\"" + Base64.getEncoder().encodeToString(h) + "\"")
            .collect(Collectors.joining(","));
        answer(exchange, 200, log.proofAnswer.apply("{\"from\":" + from + ",\"to\":" + to + ",\"proof\":[" + proof + "]}"));
      });
      log.server.createContext("/api/log/cosignatures", exchange -> {
        log.posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        answer(exchange, log.postStatus, log.postStatus == 200 ? "ok" : "something went wrong");
      });
      log.server.start();
      return log;
    }

    /** Serves the checkpoint of {@code tree}, signed by the log's key, and proofs from it. */
    void serve(MemoryTree tree) {
      serve(tree, tree.size());
    }

    /** Serves the checkpoint of {@code tree} at {@code size} (an old one, as a stale cache would) and proofs from the whole tree. */
    void serve(MemoryTree tree, long size) {
      this.tree = tree;
      Checkpoint checkpoint = new Checkpoint(ORIGIN, size, tree.root(size));
      this.served = new Note(checkpoint.text(), List.of(key.sign(checkpoint.text())));
    }

    String url() {
      return "http://localhost:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (var out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
