package dev.compact.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.compact.transparency.AddCheckpoint;
import dev.compact.transparency.Hashes;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A C2SP tlog-witness server over one folder ({@link WitnessState}): {@code POST
 * <prefix>/add-checkpoint} cosigns a checkpoint that extends the one it holds, and {@code GET
 * <prefix>/<hex SHA-256 of the origin>/checkpoint} serves the latest it cosigned (the monitoring
 * call). There is no authentication, as the specification says: the log's signature on the
 * checkpoint is the check.
 */
final class WitnessServer implements AutoCloseable {
  /** A request bigger than this is no add-checkpoint call (a note of 100 signatures and 63 proof lines is under 20 KB). */
  static final int MAX_BODY = 64 * 1024;
  private final HttpServer server;
  private final ExecutorService executor;

  private WitnessServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving on {@code address} (port 0 picks one); {@code log} hears what it cosigned and refused. */
  static WitnessServer start(InetSocketAddress address, String prefix, WitnessState state, NoteKey logKey, NoteSigner witness, Clock clock,
      PrintWriter log) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    String originHash = HexFormat.of().formatHex(Hashes.sha256(logKey.name().getBytes(StandardCharsets.UTF_8)));
    server.createContext(base + "/add-checkpoint", exchange -> {
      try (exchange) {
        if (!exchange.getRequestURI().getPath().equals(base + "/add-checkpoint")) {
          send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
          return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
          exchange.getResponseHeaders().set("Allow", "POST");
          send(exchange, 405, "text/plain; charset=utf-8", "add-checkpoint is a POST\n");
          return;
        }
        Optional<String> body = body(exchange.getRequestBody());
        if (body.isEmpty()) {
          send(exchange, 400, "text/plain; charset=utf-8", "the request is larger than " + MAX_BODY + " bytes\n");
          return;
        }
        WitnessState.Answer answer = state.addCheckpoint(body.get(), logKey, witness, Instant.now(clock).getEpochSecond());
        switch (answer.outcome()) {
          case AddCheckpoint.Outcome.Cosigned cosigned -> {
            log.printf("cosigned %s%n", firstLines(cosigned.latest().text()));
            send(exchange, 200, "text/plain; charset=utf-8", cosigned.body());
          }
          case AddCheckpoint.Outcome.Refused refused -> {
            if (answer.evidence().isPresent()) {
              log.printf("REFUSED (%d): %s the evidence is kept in %s:%n%s%n", refused.status(), refused.body(), answer.evidence().get(),
                  refused.evidence().orElseThrow());
            } else {
              log.printf("refused (%d): %s", refused.status(), refused.body());
            }
            send(exchange, refused.status(), refused.contentType(), refused.body());
          }
        }
        log.flush();
      } catch (IOException | RuntimeException e) {
        log.println("add-checkpoint failed: " + e);
        log.flush();
        throw e instanceof IOException io ? io : new IOException(e);
      }
    });
    server.createContext(base + "/", exchange -> {
      try (exchange) {
        String path = exchange.getRequestURI().getPath().substring(base.length());
        if (exchange.getRequestMethod().equals("GET") && path.equals("/" + originHash + "/checkpoint")) {
          Optional<String> latest = state.locked(() -> state.latest().map(n -> n.format()));
          if (latest.isPresent()) {
            send(exchange, 200, "text/plain; charset=utf-8", latest.get());
            return;
          }
        }
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
      }
    });
    ExecutorService executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.start();
    return new WitnessServer(server, executor);
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static Optional<String> body(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    return bytes.length > MAX_BODY ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String firstLines(String checkpointText) {
    String[] lines = checkpointText.split("\n");
    return lines[0] + " size " + lines[1];
  }
}
