package dev.compact.cli;

import dev.compact.transparency.AddCheckpoint;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code compact witness}: a guarantor's own check of the log. It fetches the latest checkpoint,
 * checks the log's signature and that the new tree extends the last one it cosigned (a consistency
 * proof), and only then cosigns, keeps the checkpoint in its folder and posts the cosignature, in
 * that order (kept first, so that no answer of the log makes it cosign two histories). A checkpoint that does not extend the
 * one it holds is refused, and both are printed: signed by the log, that pair is the proof that the
 * log showed two histories. The check is the C2SP tlog-witness one ({@link AddCheckpoint}), the same
 * that {@code compact witness serve} answers logs that push their checkpoints with.
 */
@Command(name = "witness", mixinStandardHelpOptions = true, subcommands = WitnessCommand.Serve.class,
    description = {"Cosign the log's latest checkpoint as a witness, after checking that it extends the last one you cosigned.",
        "Exit code 0 when cosigned (or nothing new), 1 on an error, 3 when the log is inconsistent (the evidence is printed and kept in",
        "--state), 4 when the log serves an older checkpoint that it proves consistent with yours (stale: nothing to sign).",
        "'compact witness serve' runs the same witness as a C2SP tlog-witness server that logs push checkpoints to."})
final class WitnessCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Option(names = "--log", paramLabel = "URL", description = "The service, e.g. http://localhost:8080.")
  String log;

  @Option(names = "--key", paramLabel = "PARTY.key", description = "Your witness key (compact keys witness).")
  Path key;

  @Option(names = "--state", paramLabel = "DIR", description = "Your folder: the log's key (log.vkey) and the last checkpoint you cosigned.")
  Path state;

  @Option(names = "--party", description = "The party you witness for, e.g. GBR.")
  String party;

  @Option(names = "--log-key", paramLabel = "VKEY", description = "The log's verifier key, on the first run (kept in DIR/log.vkey).")
  String logKey;

  @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding your account's API token (instead of the environment).")
  Path tokenFile;

  @Option(names = "--token-env", defaultValue = "COMPACT_TOKEN", description = "The environment variable with your account's API token. Default: ${DEFAULT-VALUE}.")
  String tokenEnv;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Overridden in tests; the cosignature's time. */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (log == null || key == null || state == null || party == null) {
      err.println("compact witness: give --log URL, --party P, --key P.witness.key and --state DIR"
          + " (or run 'compact witness serve' for logs that push their checkpoints)");
      return 1;
    }
    try {
      WitnessState folder = new WitnessState(state);
      NoteSigner signer = dev.compact.log.KeyFiles.read(key);
      NoteKey trusted = folder.logKey(logKey);
      HttpClient http = HttpClient.newHttpClient();
      String served = get(http, "/api/log/checkpoint");
      Note note = Note.parse(served);
      if (!(note.check(trusted) instanceof Note.Check.Valid)) {
        err.println("compact witness: the served checkpoint is not signed by the log's key " + trusted.name() + "; not cosigning");
        return 1;
      }
      Checkpoint latest = Checkpoint.parse(note.text());
      Optional<Note> held = folder.latest();
      long old = held.map(n -> Checkpoint.parse(n.text()).size()).orElse(0L);
      if (held.isPresent() && latest.size() == old && java.util.Arrays.equals(latest.root(), Checkpoint.parse(held.get().text()).root())
          && held.get().check(signer.key()) instanceof Note.Check.Valid) {
        if (note.check(signer.key()) instanceof Note.Check.Valid) {
          out.printf("checkpoint %d was cosigned before; nothing new to cosign%n", latest.size());
          return 0;
        }
        // Cosigned and kept by an earlier run whose post the log did not take: offered again, the same cosignature.
        Optional<String> token = token(err);
        if (token.isEmpty()) {
          return 1;
        }
        if (!post(http, held.get(), token.get(), err, latest.size())) {
          return 1;
        }
        out.printf("checkpoint %d was cosigned before but the log did not show the cosignature; posted it again%n", latest.size());
        return 0;
      }
      if (held.isPresent() && latest.size() < old) {
        return older(out, err, http, folder, held.get(), note);
      }
      Optional<String> token = token(err);
      if (token.isEmpty()) {
        return 1;
      }
      List<byte[]> proof = old == 0 || old == latest.size() ? List.of() : consistency(http, old, latest.size());
      // The same decision a witness server makes on a pushed checkpoint, and as there the outcome is
      // kept in the folder, under its lock, before the cosignature leaves this process (C2SP
      // tlog-witness): a log that takes the cosignature but answers an error cannot then get another
      // extension of the old checkpoint cosigned, since the witness already holds this one.
      String request = new AddCheckpoint.Request(old, proof, note).format();
      WitnessState.Answer answer = folder.addCheckpoint(request, trusted, signer, clock.instant().getEpochSecond());
      switch (answer.outcome()) {
        case AddCheckpoint.Outcome.Refused refused when refused.evidence().isPresent() -> {
          return refused(err, answer.evidence().orElseThrow(), refused.evidence().get(), refused.body().strip());
        }
        case AddCheckpoint.Outcome.Refused refused when refused.status() == 409 -> {
          err.println("compact witness: the checkpoint in " + state + " changed while this run checked the log (another witness on the"
              + " same folder); nothing cosigned, run again");
          return 1;
        }
        case AddCheckpoint.Outcome.Refused refused -> {
          err.println("compact witness: not cosigning (" + refused.status() + "): " + refused.body().strip());
          return 1;
        }
        case AddCheckpoint.Outcome.Cosigned cosigned -> {
          if (!post(http, cosigned.latest(), token.get(), err, latest.size())) {
            return 1;
          }
          out.printf("cosigned checkpoint %d (root %s) as %s%n", latest.size(), Base64.getEncoder().encodeToString(latest.root()),
              signer.name());
          return 0;
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      err.println("compact witness: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** The party's API token, from --token-file or the environment; empty (and said why) if none. */
  private Optional<String> token(PrintWriter err) throws IOException {
    String token = tokenFile != null ? Files.readString(tokenFile, StandardCharsets.UTF_8) : System.getenv(tokenEnv);
    if (token == null || token.isBlank()) {
      err.println("compact witness: give the API token of " + party + "'s account (compact users token) in " + tokenEnv
          + " or with --token-file");
      return Optional.empty();
    }
    return Optional.of(token.strip());
  }

  /**
   * Posts {@code cosigned} (the checkpoint with the log's signature and this witness's) to the log.
   * On an error the checkpoint stays cosigned in the folder: a witness never takes a cosignature back,
   * and the next run offers the same one again.
   */
  private boolean post(HttpClient http, Note cosigned, String token, PrintWriter err, long size) throws IOException, InterruptedException {
    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/log/cosignatures?party=" + party))
        .header("Content-Type", "text/plain; charset=utf-8").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(cosigned.format(), StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (posted.statusCode() != 200) {
      err.println("compact witness: the log did not take the cosignature (" + posted.statusCode() + "): " + posted.body().strip());
      err.println("checkpoint " + size + " stays cosigned in " + state + " (a witness never takes a cosignature back);"
          + " the next run posts it again");
      return false;
    }
    return true;
  }

  /**
   * Exit 3 on a checkpoint that does not extend the one held, which the folder's lock already kept as
   * {@code evidence}: prints it (its first lines say what it proves: two roots for one size prove a
   * fork; a failed proof between two sizes is a question the log must answer).
   */
  private static int refused(PrintWriter err, Path file, String pair, String problem) {
    err.println("compact witness: REFUSED: " + problem);
    err.println("nothing cosigned; the evidence is kept in " + file + ":");
    err.println();
    err.print(pair);
    err.flush();
    return 3;
  }

  /**
   * The log serves a checkpoint smaller than the one held. That alone proves nothing (a cache, a
   * replay, a load balancer behind by a moment): asks the log to prove that the held tree extends
   * the served one. Proved, it is stale (exit 4); a proof that fails makes the pair evidence of a
   * fork (exit 3); no proof at all is an error that keeps nothing (exit 1).
   */
  private int older(PrintWriter out, PrintWriter err, HttpClient http, WitnessState folder, Note held, Note served)
      throws IOException, InterruptedException {
    Checkpoint kept = Checkpoint.parse(held.text());
    Checkpoint older = Checkpoint.parse(served.text());
    boolean consistent;
    List<byte[]> proofGiven = List.of();
    if (older.size() == 0) {
      consistent = java.util.Arrays.equals(older.root(), dev.compact.transparency.Hashes.emptyRoot());
    } else {
      List<byte[]> proof;
      try {
        proof = consistency(http, older.size(), kept.size());
        proofGiven = proof;
      } catch (IOException e) {
        err.println("compact witness: the log serves checkpoint " + older.size() + ", older than checkpoint " + kept.size()
            + " you cosigned, and gives no consistency proof between them (" + e.getMessage().strip() + "); nothing cosigned."
            + " A stale copy or a rolled-back log: run again later, and keep " + state.resolve("checkpoint"));
        return 1;
      }
      consistent = dev.compact.transparency.Proofs.consistency(older.size(), kept.size(), proof, older.root(), kept.root());
    }
    if (consistent) {
      out.printf("stale: the log serves checkpoint %d, older than checkpoint %d you cosigned and proved consistent with it;"
          + " nothing to sign%n", older.size(), kept.size());
      return 4;
    }
    String problem = "checkpoint " + kept.size() + " cosigned before is not proved to extend checkpoint " + older.size()
        + " served now (the consistency proof fails)";
    String pair = AddCheckpoint.unproved(held, served, proofGiven, problem);
    return refused(err, folder.keepEvidence(kept.size(), older.size(), pair), pair, problem);
  }

  /**
   * The log's consistency proof from {@code from} to {@code to}. An answer that is not one (not JSON,
   * no list of base64 32-byte hashes) is an error that cosigns nothing: it proves nothing about the
   * log either, since whatever stands between the witness and the log can send it.
   */
  private List<byte[]> consistency(HttpClient http, long from, long to) throws IOException, InterruptedException {
    String path = "/api/log/proof/consistency?from=" + from + "&to=" + to;
    String body = get(http, path);
    JsonNode proof;
    try {
      proof = JSON.readTree(body);
    } catch (RuntimeException e) {
      throw new IOException("GET " + path + " answered something that is not JSON; nothing cosigned");
    }
    JsonNode list = proof == null ? null : proof.get("proof");
    if (list == null || !list.isArray() || list.size() > AddCheckpoint.MAX_PROOF_LINES) {
      throw new IOException("GET " + path + " answered no list of proof hashes (\"proof\"); nothing cosigned");
    }
    List<byte[]> hashes = new ArrayList<>();
    for (JsonNode hash : list) {
      byte[] bytes;
      try {
        bytes = hash.isString() ? Base64.getDecoder().decode(hash.asString()) : null;
      } catch (IllegalArgumentException e) {
        bytes = null;
      }
      if (bytes == null || bytes.length != dev.compact.transparency.Hashes.SIZE) {
        throw new IOException("GET " + path + " answered a proof whose hash " + (hashes.size() + 1)
            + " is not a 32-byte hash in base64; nothing cosigned");
      }
      hashes.add(bytes);
    }
    return hashes;
  }

  private String get(HttpClient http, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private String base() {
    return log.endsWith("/") ? log.substring(0, log.length() - 1) : log;
  }

  /**
   * {@code compact witness serve}: the witness as a C2SP tlog-witness server. Logs push each new
   * checkpoint with a consistency proof from the size this witness last cosigned; it answers with
   * its cosignature, or refuses with the specification's status codes and keeps the evidence of a fork.
   */
  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = {"Serve C2SP tlog-witness: POST <prefix>/add-checkpoint cosigns a checkpoint that extends the one you hold;",
          "GET <prefix>/<hex SHA-256 of the origin>/checkpoint serves the latest you cosigned. Runs until stopped."})
  static final class Serve implements Callable<Integer> {
    @Option(names = "--key", required = true, paramLabel = "PARTY.key", description = "Your witness key (compact keys witness).")
    Path key;

    @Option(names = "--state", required = true, paramLabel = "DIR", description = "Your folder (the same as for the pull-style compact witness).")
    Path state;

    @Option(names = "--log-key", paramLabel = "VKEY|FILE", description = "The log's verifier key, or a file holding it, on the first run"
        + " (kept in DIR/log.vkey).")
    String logKey;

    @Option(names = "--port", defaultValue = "8090", description = "The port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "localhost", description = "The address to listen on (0.0.0.0 for all). Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--prefix", defaultValue = "", description = "The submission and monitoring prefix, e.g. /witness. Default: none.")
    String prefix;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        NoteSigner signer = dev.compact.log.KeyFiles.read(key);
        if (signer.key().type() != NoteKey.COSIGNATURE_V1) {
          err.println("compact witness serve: " + key + " is not a witness key (compact keys witness makes one)");
          return 1;
        }
        String given = logKey != null && Files.isRegularFile(Path.of(logKey)) ? Files.readString(Path.of(logKey), StandardCharsets.UTF_8).strip()
            : logKey;
        WitnessState folder = new WitnessState(state);
        NoteKey trusted = folder.logKey(given);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        try (WitnessServer server = WitnessServer.start(new java.net.InetSocketAddress(host, port), prefix, folder, trusted, signer,
            Clock.systemUTC(), err)) {
          out.printf("witness %s (%s) serves the log %s at http://%s:%d%s/add-checkpoint%n", signer.name(), signer.key().text(),
              trusted.name(), host, server.port(), prefix);
          out.flush();
          Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
          stopped.await();
        }
        return 0;
      } catch (IOException | IllegalArgumentException e) {
        err.println("compact witness serve: " + e.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }
}
