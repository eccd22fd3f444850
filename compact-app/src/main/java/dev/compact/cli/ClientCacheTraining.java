package dev.compact.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The training workload of the launcher's JVM cache for {@code compact screen --batch --server}
 * (scripts/jvm-cache.sh): serves a loopback stand-in that answers {@code GET /api/clock} and {@code
 * POST /api/screen/batch} in the service's shape (hits, clear names, refused names, the lists), and
 * runs the client against it in a process of its own, the JVM being recorded. So the cache holds the
 * client's classes and their profiles as a user's run loads them, through {@code main} and its fast
 * path, and nothing else: a cache's classes are all loaded when the JVM starts, and until
 * 2026-12-08 the stand-in ran in the recorded JVM, which put its HTTP server's classes (about 300
 * with what they pull in) in the client's cache for every run to load for nothing. The stand-in's
 * answers are not screening results: the file the run writes is thrown away. Usage: {@code java -cp
 * compact.jar dev.compact.cli.ClientCacheTraining IN.csv WORKDIR JAVA [JAVA_ARGUMENTS...]}, where
 * {@code JAVA JAVA_ARGUMENTS} start the CLI (such as {@code java -XX:AOTMode=record ... -jar
 * compact.jar}) and are followed by {@code screen --batch IN.csv --out ... --server URL --token-file ...}.
 */
public final class ClientCacheTraining {
  private static final JsonFactory JSON = new JsonFactory();

  /** Longer than any training takes (seconds), short enough that a hung client cannot hold a user's command for ever. */
  private static final long CLIENT_MINUTES = 5;

  private ClientCacheTraining() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    System.exit(train(args));
  }

  /** Runs the workload; the client's exit code (1 when it did not end in time, 2 on a wrong command line). */
  static int train(String[] args) throws IOException, InterruptedException {
    if (args.length < 3) {
      System.err.println("usage: ClientCacheTraining IN.csv WORKDIR JAVA [JAVA_ARGUMENTS...]");
      return 2;
    }
    Path work = Path.of(args[1]);
    HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext("/api/clock", exchange -> answer(exchange, "{\"now\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8)));
    stub.createContext("/api/screen/batch", exchange -> answer(exchange, batch(exchange.getRequestBody().readAllBytes())));
    stub.start();
    try {
      Path token = Files.writeString(work.resolve("training.token"), "training-token-not-a-real-one");
      List<String> command = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
      // A command line main reads without picocli (ServerBatchArgs), as a user's does, so that the cache holds none of picocli's classes.
      command.addAll(List.of("screen", "--batch", args[0], "--out", work.resolve("training-out.csv").toString(),
          "--server", "http://127.0.0.1:" + stub.getAddress().getPort(), "--token-file", token.toString()));
      Process client = new ProcessBuilder(command).inheritIO().start();
      if (!client.waitFor(CLIENT_MINUTES, TimeUnit.MINUTES)) {
        client.destroyForcibly();
        System.err.println("the training client did not end within " + CLIENT_MINUTES + " minutes");
        return 1;
      }
      return client.exitValue();
    } finally {
      stub.stop(0);
    }
  }

  private static void answer(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** One result per query of the request: a hit, no hit or problems in turn, as the service's records write them. */
  private static byte[] batch(byte[] request) {
    int queries = 0;
    try (JsonParser p = JSON.createParser(request)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        p.skipChildren();
        queries++;
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeName("results");
      g.writeStartArray();
      for (int i = 0; i < queries; i++) {
        g.writeStartObject();
        g.writeNumberProperty("index", i);
        if (i % 7 == 6) {
          g.writeName("problems");
          g.writeStartArray();
          g.writeString("the name has nothing to match on after normalisation");
          g.writeEndArray();
        } else {
          g.writeStringProperty("query", "training name " + i);
          g.writeNumberProperty("candidates", i % 13);
          g.writeName("hits");
          g.writeStartArray();
          for (int h = 0; h < i % 3; h++) {
            hit(g, i, h);
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeName("thresholds");
      g.writeStartObject();
      g.writeNumberProperty("alert", 0.9);
      g.writeNumberProperty("review", 0.7);
      g.writeEndObject();
      g.writeName("lists");
      g.writeStartArray();
      for (String list : new String[] {"Training list A", "Training list B"}) {
        g.writeStartObject();
        g.writeStringProperty("name", list);
        g.writeStringProperty("version", "000000000000");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return bytes.toByteArray();
  }

  private static void hit(JsonGenerator g, int query, int rank) {
    g.writeStartObject();
    g.writeNumberProperty("score", 0.95 - rank * 0.1 - query % 10 * 0.001);
    g.writeStringProperty("decision", rank == 0 ? "alert" : "review");
    g.writeStringProperty("list", "Training list A");
    g.writeStringProperty("listVersion", "0".repeat(64));
    g.writeStringProperty("algorithm", "training");
    g.writeName("id");
    g.writeStartObject();
    g.writeStringProperty("value", String.valueOf(1000 + query));
    g.writeEndObject();
    g.writeStringProperty("name", "TRAINING, Name " + query);
    g.writeStringProperty("schema", "person");
    g.writeName("explanation");
    g.writeStartArray();
    g.writeString("matched primary name 'TRAINING, Name'");
    g.writeString("'training'≈'training' exact 1.00 (w 2.0)");
    g.writeString("name score " + (0.95 - rank * 0.1));
    g.writeEndArray();
    g.writeName("packages");
    g.writeStartArray();
    g.writeEndArray();
    g.writeStringProperty("primaryName", "Name TRAINING " + query);
    g.writeEndObject();
  }
}
