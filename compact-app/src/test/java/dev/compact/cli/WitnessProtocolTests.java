package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.log.KeyFiles;
import dev.compact.log.TransparencyLog;
import dev.compact.log.WitnessPush;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Hashes;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #11: witnesses speak C2SP tlog-witness. A guarantor runs {@code compact witness serve}; the
 * service submits each new checkpoint to it over HTTP with a consistency proof and serves the
 * cosignature it gets back. A submission from a stale size is answered 409 with the witness's size,
 * and the service submits again from there; after the operator rewrites history in the database,
 * the witness refuses the next checkpoint (422) and keeps both signed checkpoints as evidence.
 */
class WitnessProtocolTests {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String ORIGIN = "log.test.example/kyiv";

  /** {@code compact witness serve} running in the background until {@link #close}. */
  record Served(Thread thread, CompletableFuture<CliRun> run, int port) implements AutoCloseable {
    static Served start(String... args) throws Exception {
      // A port found free may be taken again before the witness binds it (by any socket, an outgoing
      // connection's ephemeral port included), so a bind that fails for that reason tries another.
      for (int attempt = 1; ; attempt++) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
          port = socket.getLocalPort();
        }
        Served served = launch(port, args);
        if (!served.run().isDone() || attempt >= 5 || !served.run().join().err().contains("Address already in use")) {
          assertThat(served.run().isDone()).as(() -> served.run().join().err()).isFalse();
          return served;
        }
      }
    }

    /** On {@code port}: a witness restarted where the service knows it. */
    static Served start(int port, String... args) throws Exception {
      Served served = launch(port, args);
      assertThat(served.run().isDone()).as(() -> served.run().join().err()).isFalse();
      return served;
    }

    /** Starts the witness on {@code port} and waits until it answers there or has ended (a failed bind). */
    private static Served launch(int port, String... args) throws Exception {
      CompletableFuture<CliRun> run = new CompletableFuture<>();
      String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("witness", "serve", "--port", Integer.toString(port)),
          java.util.Arrays.stream(args)).toArray(String[]::new);
      Thread thread = new Thread(() -> run.complete(CliRun.of(all)), "witness-serve");
      thread.start();
      Served served = new Served(thread, run, port);
      waitFor(() -> served.reachable() || run.isDone(), "the witness server to start");
      return served;
    }

    boolean reachable() {
      try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
        return true;
      } catch (java.io.IOException e) {
        return false;
      }
    }

    String url() {
      return "http://localhost:" + port;
    }

    @Override
    public void close() throws Exception {
      thread.interrupt();
      thread.join(10_000);
    }
  }

  @Test
  void theServicePushesCheckpointsToAWitnessServerThatCosignsRefusesStaleSizesAndForks(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("keys");
    assertThat(CliRun.of("keys", "witness", "GBR", "--out", keys.toString()).exitCode()).isZero();
    String witnessKey = Files.readString(keys.resolve("GBR.witness.vkey")).strip();
    NoteSigner logSigner = KeyFiles.create(dir.resolve("log.key"), ORIGIN, NoteKey.ED25519);
    Path logVkey = dir.resolve("log.vkey");
    Files.writeString(logVkey, logSigner.key().text() + "\n");
    Path state = dir.resolve("gbr-witness");
    String[] serve = {"--key", keys.resolve("GBR.witness.key").toString(), "--state", state.toString(), "--log-key", logVkey.toString()};
    Served witness = Served.start(serve);
    String db = dir.resolve("c.db").toString();
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + db,
        "--compact.compact-dir=" + CliRun.example("kyiv-compact"), "--compact.test-clock=true", "--compact.tick-interval=PT1H",
        "--compact.log.key=" + dir.resolve("log.key"), "--compact.log.origin=" + ORIGIN, "--compact.log.checkpoint-interval=PT1H",
        "--compact.log.witnesses[0]=GBR=" + witnessKey, "--compact.log.witness-urls[0]=GBR=" + witness.url(), "--compact.log.quorum=1")) {
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      var accounts = context.getBean(dev.compact.access.Accounts.class);
      accounts.add("ukr-desk", List.of("protected:UKR"));
      String ukr = accounts.issue("ukr-desk", java.time.Duration.ofDays(1)).token();
      TransparencyLog log = context.getBean(TransparencyLog.class);
      WitnessPush push = context.getBean(WitnessPush.class);

      // Each append: the service submits the new checkpoint and serves the cosignature that comes back.
      for (String id : List.of("w1", "w2", "w3")) {
        TransparencyEndToEndTests.post(base, "/api/incidents", TransparencyEndToEndTests.incident(id, null), ukr);
      }
      long size = Checkpoint.parse(log.latestIssued().text()).size();
      waitFor(() -> cosigned(base, size), "the witness's cosignature on checkpoint " + size);
      Note served = Note.parse(TransparencyEndToEndTests.get(base, "/api/log/checkpoint"));
      assertThat(served.check(NoteKey.parse(witnessKey))).isInstanceOf(Note.Check.Valid.class);
      assertThat(TransparencyEndToEndTests.get(base, "/api/log/keys")).contains("\"latestWitnessed\":{\"size\":" + size);
      // The witness serves what it holds at the monitoring path, signed by the log and by itself.
      String originHash = HexFormat.of().formatHex(Hashes.sha256(ORIGIN.getBytes(StandardCharsets.UTF_8)));
      HttpResponse<String> monitored = HTTP.send(HttpRequest.newBuilder(URI.create(witness.url() + "/" + originHash + "/checkpoint")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(monitored.statusCode()).isEqualTo(200);
      assertThat(Checkpoint.parse(Note.parse(monitored.body()).text()).size()).isEqualTo(size);

      // Asked from a stale size, the witness answers 409 with the size it holds, as text/x.tlog.size.
      HttpResponse<String> stale = addCheckpoint(witness, "old 0\n\n" + log.latestIssued().format());
      assertThat(stale.statusCode()).isEqualTo(409);
      assertThat(stale.headers().firstValue("Content-Type")).contains("text/x.tlog.size");
      assertThat(stale.body()).isEqualTo(size + "\n");
      // Not the log's signature: 403; another log: 404.
      NoteSigner impostor = NoteSigner.of(ORIGIN, NoteKey.ED25519, new byte[32]);
      String text = log.latestIssued().text();
      assertThat(addCheckpoint(witness, "old " + size + "\n\n" + new Note(text, List.of(impostor.sign(text))).format()).statusCode())
          .isEqualTo(403);
      String otherText = text.replace(ORIGIN, "other.example/log");
      NoteSigner other = NoteSigner.of("other.example/log", NoteKey.ED25519, new byte[32]);
      assertThat(addCheckpoint(witness, "old " + size + "\n\n" + new Note(otherText, List.of(other.sign(otherText))).format()).statusCode())
          .isEqualTo(404);

      // The service's view goes stale: the witness is down while the record grows, and another
      // instance (here the test, with the service's own proof) brings it up to date first. The
      // service's next submission is from the old size: 409, then again from the witness's size.
      witness.close();
      TransparencyEndToEndTests.post(base, "/api/incidents", TransparencyEndToEndTests.incident("w4", null), ukr);
      // The append's own round must meet the witness down: run late, on a loaded machine, it would
      // reach the restarted witness first and bring it up to date itself.
      assertThat(push.awaitRequestedRounds(java.time.Duration.ofSeconds(30))).isTrue();
      witness = Served.start(witness.port(), serve);
      Note latest = log.latestIssued();
      long grown = Checkpoint.parse(latest.text()).size();
      assertThat(grown).isGreaterThan(size);
      String proof = String.join("", log.consistency(size, grown).stream().map(h -> java.util.Base64.getEncoder().encodeToString(h) + "\n")
          .toList());
      assertThat(addCheckpoint(witness, "old " + size + "\n" + proof + "\n" + latest.format()).statusCode()).isEqualTo(200);
      WitnessPush.Target target = push.targets().getFirst();
      Map<WitnessPush.Target, WitnessPush.Result> round = push.submitAll();
      assertThat(round.get(target)).isEqualTo(new WitnessPush.Result.Cosigned(grown));
      waitFor(() -> cosigned(base, grown), "the cosignature after the 409");

      // The operator rewrites event 2 and every later hash, the head and the tree, appends, and signs
      // that tree with the log's key: the witness refuses the checkpoint that does not extend the one
      // it cosigned, and keeps both.
      witness.close();
      assertThat(witness.run().get().err()).as("the witness refused the stale submission").contains("refused (409): " + grown + "\n",
          "cosigned " + ORIGIN + " size " + grown);
      TransparencyEndToEndTests.rewrite(db, 2);
      witness = Served.start(witness.port(), serve);
      TransparencyEndToEndTests.post(base, "/api/incidents", TransparencyEndToEndTests.incident("w5", null), ukr);
      // The service does not sign the rewritten tree; the operator, who holds the key, does.
      assertThat(Checkpoint.parse(log.latestIssued().text()).size()).isEqualTo(grown);
      long forked = Checkpoint.parse(TransparencyEndToEndTests.signAsOperator(db, dir.resolve("log.key")).text()).size();
      assertThat(Checkpoint.parse(log.latestIssued().text()).size()).isEqualTo(forked);
      WitnessPush.Result refused = push.submitAll().get(target);
      assertThat(refused).isInstanceOf(WitnessPush.Result.Failed.class);
      assertThat(((WitnessPush.Result.Failed) refused).status()).isEqualTo(422);
      assertThat(cosigned(base, forked)).isFalse();
      Path evidence = state.resolve("evidence-" + grown + "-" + forked + ".txt");
      assertThat(evidence).exists();
      String pair = Files.readString(evidence);
      assertThat(pair).contains("the checkpoint cosigned before:", "the checkpoint offered now:", "\n" + grown + "\n", "\n" + forked + "\n");
      // Both checkpoints are signed by the log (the proof is not: the log must answer for it).
      for (String half : pair.split("# the checkpoint offered now:\n")) {
        String note = half.substring(half.indexOf(ORIGIN));
        assertThat(Note.parse(note.strip() + "\n").check(logSigner.key())).isInstanceOf(Note.Check.Valid.class);
      }
      // The witness still holds the checkpoint it cosigned before.
      assertThat(Checkpoint.parse(Note.parse(Files.readString(state.resolve("checkpoint"))).text()).size()).isEqualTo(grown);
    } finally {
      witness.close();
    }
    CliRun run = witness.run().get();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("REFUSED (422)", "the evidence is kept in", "alone they prove no fork");
  }

  static HttpResponse<String> addCheckpoint(Served witness, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(witness.url() + "/add-checkpoint")).POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  static boolean cosigned(String base, long size) {
    try {
      Note note = Note.parse(TransparencyEndToEndTests.get(base, "/api/log/checkpoint"));
      return Checkpoint.parse(note.text()).size() == size && note.signatures().stream().anyMatch(s -> s.name().equals("witness.gbr.compact.example"));
    } catch (Exception e) {
      return false;
    }
  }

  /** Waits for something another thread does (the push, a server starting), up to 30 s. */
  static void waitFor(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (done.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waited 30 s for " + what);
  }
}
