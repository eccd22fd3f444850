package dev.compact.log;

import dev.compact.agreements.PartyCode;
import dev.compact.transparency.AddCheckpoint;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Note;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The log's side of C2SP tlog-witness: submits the latest checkpoint to every witness that runs a
 * witness server ({@code compact.log.witness-urls}), with a consistency proof from the size that
 * witness last cosigned, and keeps the cosignatures that come back, so that the checkpoint the
 * service serves carries them. A witness that holds another size answers 409 with it, and the
 * checkpoint is submitted again with a proof from there. Runs on its own thread, one round at a
 * time: appends never wait for a witness, and a burst of appends costs one round. A witness that
 * failed is left out of the rounds that appends and the timer start for {@link #FIRST_BACKOFF},
 * twice as long after each further failure in a row, at most {@link #MAX_BACKOFF}, until it cosigns.
 */
public final class WitnessPush implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WitnessPush.class);
  /** Enough for a witness that moved on once while the checkpoint was in flight. */
  private static final int ATTEMPTS = 3;
  /** How long a witness that failed once is left alone: long enough that a burst of appends does not hammer it. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  /** The longest it is left alone, however often it failed: a witness back up is asked again within this. */
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  /** A witness server: the party, and its submission prefix ({@code add-checkpoint} is appended). */
  public record Target(PartyCode party, URI prefix) {
    /** Parses {@code PARTY=URL}, as {@code compact.log.witness-urls} lists them. */
    public static Target parse(String setting) {
      int equals = setting.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("compact.log.witness-urls: '" + setting + "' is not PARTY=URL (the witness's submission prefix)");
      }
      String party = setting.substring(0, equals).strip();
      if (!PartyCode.isKnown(party)) {
        throw new IllegalArgumentException("compact.log.witness-urls: unknown party '" + party + "'");
      }
      URI prefix;
      try {
        prefix = URI.create(setting.substring(equals + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("compact.log.witness-urls: " + party + ": not a URL: " + e.getMessage());
      }
      if (!"http".equals(prefix.getScheme()) && !"https".equals(prefix.getScheme())) {
        throw new IllegalArgumentException("compact.log.witness-urls: " + party + ": the URL is http or https, not " + prefix);
      }
      return new Target(new PartyCode(party), prefix);
    }

    URI addCheckpoint() {
      String base = prefix.toString();
      return URI.create((base.endsWith("/") ? base : base + "/") + "add-checkpoint");
    }
  }

  /** What one submission came to. */
  public sealed interface Result {
    /** The witness cosigned the checkpoint of {@code size}. */
    record Cosigned(long size) implements Result {}

    /** It had cosigned this checkpoint before; nothing was sent. */
    record AlreadyCosigned(long size) implements Result {}

    /** It refused, or could not be reached: the status (0 when no answer came) and what it said. */
    record Failed(int status, String reason) implements Result {}

    /** Not tried: it failed {@code failures} times in a row and is left alone until {@code until}. */
    record Postponed(int failures, Instant until) implements Result {}
  }

  /** A witness's failures in a row and when the rounds may try it again. */
  private record Backoff(int failures, Instant until) {}

  private final TransparencyLog log;
  private final List<Target> targets;
  private final HttpClient http;
  private final ExecutorService executor;
  private final AtomicBoolean pending = new AtomicBoolean();
  /** The size each witness last cosigned, as far as this instance knows; the log's record of cosignatures otherwise. */
  private final Map<Target, Long> held = new ConcurrentHashMap<>();
  private final Map<Target, Backoff> backoff = new ConcurrentHashMap<>();
  private final Clock clock;

  public WitnessPush(TransparencyLog log, List<Target> targets) {
    this(log, targets, Clock.systemUTC());
  }

  /** The same, timing the back-off of failed witnesses by {@code clock}. */
  public WitnessPush(TransparencyLog log, List<Target> targets, Clock clock) {
    for (Target target : targets) {
      if (log.witnesses().stream().noneMatch(w -> w.party().equals(target.party()))) {
        throw new IllegalArgumentException("compact.log.witness-urls: " + target.party().value()
            + " has no key in compact.log.witnesses, so its cosignatures could not be checked");
      }
    }
    this.log = log;
    this.clock = clock;
    this.targets = List.copyOf(targets);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "witness-push");
      thread.setDaemon(true);
      return thread;
    });
  }

  public List<Target> targets() {
    return targets;
  }

  /** Submits the latest checkpoint to every witness soon, on the push thread; requests made meanwhile share one round. */
  public void submitSoon() {
    if (targets.isEmpty() || executor.isShutdown() || !pending.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(() -> {
        pending.set(false);
        round(true);
      });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      pending.set(false);
    }
  }

  /**
   * Waits up to {@code timeout} for the rounds requested so far ({@link #submitSoon}) to end: rounds
   * run one at a time on the push thread, so a no-op queued behind them ends after them. False if
   * they did not end in time or the push is closed.
   */
  public boolean awaitRequestedRounds(Duration timeout) throws InterruptedException {
    try {
      executor.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.RejectedExecutionException | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  /** One round now: the latest checkpoint to every witness, in turn, those backing off included. */
  public Map<Target, Result> submitAll() {
    return round(false);
  }

  /** A round as appends and the timer start it: witnesses backing off are left out. */
  Map<Target, Result> submitDue() {
    return round(true);
  }

  private Map<Target, Result> round(boolean skipBackingOff) {
    Map<Target, Result> results = new java.util.LinkedHashMap<>();
    Note latest;
    try {
      latest = log.latestIssued();
    } catch (RuntimeException e) {
      LOG.warn("no checkpoint to submit to the witnesses: {}", e.toString());
      return results;
    }
    for (Target target : targets) {
      Backoff waiting = backoff.get(target);
      if (skipBackingOff && waiting != null && clock.instant().isBefore(waiting.until())) {
        results.put(target, new Result.Postponed(waiting.failures(), waiting.until()));
        continue;
      }
      Result result;
      try {
        result = submit(target, latest);
      } catch (RuntimeException e) {
        // One witness's answer (or the proof it asks for) must not end the round for the others.
        result = new Result.Failed(0, e.toString());
      }
      results.put(target, result);
      if (result instanceof Result.Failed failed) {
        int failures = waiting == null ? 1 : waiting.failures() + 1;
        Duration wait = backoff(failures);
        backoff.put(target, new Backoff(failures, clock.instant().plus(wait)));
        LOG.warn("witness {} at {} did not cosign checkpoint {}: {} {}; failed {} times in a row, next tried in {}", target.party().value(),
            target.prefix(), Checkpoint.parse(latest.text()).size(), failed.status(), failed.reason(), failures, wait);
      } else {
        backoff.remove(target);
      }
    }
    return results;
  }

  /** {@link #FIRST_BACKOFF} doubled for each failure in a row after the first, at most {@link #MAX_BACKOFF}. */
  static Duration backoff(int failures) {
    int doublings = Math.min(failures - 1, 30);
    Duration wait = FIRST_BACKOFF.multipliedBy(1L << doublings);
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  /** Submits {@code checkpoint} (the log's signed note) to one witness and keeps its cosignature. */
  public Result submit(Target target, Note checkpoint) {
    long size = Checkpoint.parse(checkpoint.text()).size();
    long old = held.computeIfAbsent(target, t -> log.lastCosigned(t.party()));
    List<Witness> keys = log.witnesses().stream().filter(w -> w.party().equals(target.party())).toList();
    if (old == size && log.cosignatures(size).stream().anyMatch(c -> c.party().equals(target.party().value()))) {
      return new Result.AlreadyCosigned(size);
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (old > size) {
        // The witness saw a larger tree (another instance's newer checkpoint): this one is stale, the next round catches up.
        return new Result.Failed(409, "the witness holds size " + old + ", beyond this checkpoint");
      }
      List<byte[]> proof = old == 0 || old == size ? List.of() : log.consistency(old, size);
      HttpResponse<String> response;
      try {
        response = http.send(HttpRequest.newBuilder(target.addCheckpoint()).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(new AddCheckpoint.Request(old, proof, checkpoint).format(), StandardCharsets.UTF_8))
            .build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        // A kept-alive connection to a witness that restarted fails once; submitting the same checkpoint again is harmless.
        if (attempt + 1 < ATTEMPTS) {
          continue;
        }
        return new Result.Failed(0, "no answer: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result.Failed(0, "interrupted");
      }
      switch (response.statusCode()) {
        case 200 -> {
          int kept = 0;
          try {
            for (Witness witness : keys) {
              Optional<Note.Signature> line = AddCheckpoint.cosignatureIn(response.body(), checkpoint, witness.key());
              if (line.isPresent()) {
                long timestamp = ((Note.Check.Valid) checkpoint.with(line.get()).check(witness.key())).timestamp();
                log.keep(size, witness, line.get().line().stripTrailing(), timestamp);
                kept++;
              }
            }
          } catch (dev.compact.store.StoreException e) {
            // The witness cosigned but the database did not keep it: this round failed for this witness
            // (and backs off) without ending the round for the others.
            return new Result.Failed(200, "cosigned, but the log could not keep the cosignature: " + e.getMessage());
          }
          if (kept == 0) {
            return new Result.Failed(200, "no cosignature of " + target.party().value() + "'s witness key in the answer");
          }
          held.put(target, size);
          return new Result.Cosigned(size);
        }
        case 409 -> {
          String body = response.body().strip();
          try {
            old = body.matches("0|[1-9][0-9]{0,18}") ? Long.parseLong(body) : -1;
          } catch (NumberFormatException beyondALong) {
            old = -1;
          }
          if (old < 0) {
            return new Result.Failed(409, "the witness's 409 does not give its size: " + shorten(body));
          }
          held.put(target, old);
        }
        default -> {
          return new Result.Failed(response.statusCode(), shorten(response.body().strip()));
        }
      }
    }
    return new Result.Failed(409, "the witness's size kept changing");
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String shorten(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
