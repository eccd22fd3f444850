package dev.compact.cli;

import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import dev.compact.transparency.Proofs;
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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code compact witness}: a guarantor's own check of the log. It fetches the latest checkpoint,
 * checks the log's signature and that the new tree extends the last one it cosigned (a consistency
 * proof), and only then cosigns and posts the cosignature. A checkpoint that does not extend the
 * one it holds is refused, and both are printed: signed by the log, that pair is the proof that the
 * log showed two histories.
 */
@Command(name = "witness", mixinStandardHelpOptions = true,
    description = {"Cosign the log's latest checkpoint as a witness, after checking that it extends the last one you cosigned.",
        "Exit code 0 when cosigned, 1 on an error, 3 when the log is inconsistent (the evidence is printed and kept in --state)."})
final class WitnessCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Option(names = "--log", required = true, paramLabel = "URL", description = "The service, e.g. http://localhost:8080.")
  String log;

  @Option(names = "--key", required = true, paramLabel = "PARTY.key", description = "Your witness key (compact keys witness).")
  Path key;

  @Option(names = "--state", required = true, paramLabel = "DIR", description = "Your folder: the log's key (log.vkey) and the last checkpoint you cosigned.")
  Path state;

  @Option(names = "--party", required = true, description = "The party you witness for, e.g. GBR.")
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
    try {
      Files.createDirectories(state);
      NoteSigner signer = dev.compact.log.KeyFiles.read(key);
      NoteKey trusted = logKey(err);
      if (trusted == null) {
        return 1;
      }
      HttpClient http = HttpClient.newHttpClient();
      String served = get(http, "/api/log/checkpoint");
      Note note = Note.parse(served);
      if (!(note.check(trusted) instanceof Note.Check.Valid)) {
        err.println("compact witness: the served checkpoint is not signed by the log's key " + trusted.name() + "; not cosigning");
        return 1;
      }
      Checkpoint latest = Checkpoint.parse(note.text());
      Path lastFile = state.resolve("checkpoint");
      if (Files.exists(lastFile)) {
        Note lastNote = Note.parse(Files.readString(lastFile, StandardCharsets.UTF_8));
        Checkpoint last = Checkpoint.parse(lastNote.text());
        String problem = consistency(http, last, latest);
        if (problem != null) {
          Path evidence = state.resolve("evidence-" + last.size() + "-" + latest.size() + ".txt");
          String pair = "# " + problem + "\n# the checkpoint cosigned before:\n" + lastNote.format() + "\n# the checkpoint served now:\n" + served;
          Files.writeString(evidence, pair, StandardCharsets.UTF_8);
          err.println("compact witness: REFUSED: " + problem);
          err.println("both checkpoints are signed by the log; together they prove that it showed two histories (kept in " + evidence + "):");
          err.println();
          err.print(pair);
          err.flush();
          return 3;
        }
        if (latest.size() == last.size() && lastNote.signatures().stream().anyMatch(s -> s.name().equals(signer.name()))) {
          out.printf("checkpoint %d was cosigned before; nothing new to cosign%n", latest.size());
          return 0;
        }
      }
      Note cosigned = note.with(signer.cosign(note.text(), clock.instant().getEpochSecond()));
      String token = tokenFile != null ? Files.readString(tokenFile, StandardCharsets.UTF_8) : System.getenv(tokenEnv);
      if (token == null || token.isBlank()) {
        err.println("compact witness: give the API token of " + party + "'s account (compact users token) in " + tokenEnv
            + " or with --token-file");
        return 1;
      }
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/log/cosignatures?party=" + party))
          .header("Content-Type", "text/plain; charset=utf-8").header("Authorization", "Bearer " + token.strip())
          .POST(HttpRequest.BodyPublishers.ofString(cosigned.format(), StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
      if (posted.statusCode() != 200) {
        err.println("compact witness: the log refused the cosignature (" + posted.statusCode() + "): " + posted.body());
        return 1;
      }
      Files.writeString(lastFile, cosigned.format(), StandardCharsets.UTF_8);
      out.printf("cosigned checkpoint %d (root %s) as %s%n", latest.size(), Base64.getEncoder().encodeToString(latest.root()), signer.name());
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("compact witness: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** Null when {@code latest} provably extends {@code last}; otherwise what is wrong. */
  private String consistency(HttpClient http, Checkpoint last, Checkpoint latest) throws IOException, InterruptedException {
    if (!last.origin().equals(latest.origin())) {
      return "the log's origin changed from " + last.origin() + " to " + latest.origin();
    }
    if (latest.size() < last.size()) {
      return "the log shrank from " + last.size() + " to " + latest.size() + " leaves";
    }
    if (latest.size() == last.size()) {
      return java.util.Arrays.equals(latest.root(), last.root()) ? null
          : "two different roots for the same size " + latest.size() + ": the history was rewritten";
    }
    if (last.size() == 0) {
      return null;
    }
    JsonNode proof = JSON.readTree(get(http, "/api/log/proof/consistency?from=" + last.size() + "&to=" + latest.size()));
    List<byte[]> hashes = new ArrayList<>();
    for (JsonNode hash : proof.get("proof")) {
      hashes.add(Base64.getDecoder().decode(hash.asString()));
    }
    return Proofs.consistency(last.size(), latest.size(), hashes, last.root(), latest.root()) ? null
        : "checkpoint " + latest.size() + " does not extend checkpoint " + last.size()
            + " (the log's consistency proof fails): the first " + last.size() + " events were rewritten";
  }

  private NoteKey logKey(PrintWriter err) throws IOException {
    Path file = state.resolve("log.vkey");
    if (Files.exists(file)) {
      NoteKey kept = NoteKey.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (logKey != null && !NoteKey.parse(logKey).equals(kept)) {
        err.println("compact witness: --log-key differs from the key kept in " + file + "; a log does not change its key");
        return null;
      }
      return kept;
    }
    if (logKey == null) {
      err.println("compact witness: first run: give the log's verifier key with --log-key (GET /api/log/keys shows it; check it out of band)");
      return null;
    }
    NoteKey key = NoteKey.parse(logKey);
    Files.writeString(file, key.text() + "\n", StandardCharsets.UTF_8);
    return key;
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
}
