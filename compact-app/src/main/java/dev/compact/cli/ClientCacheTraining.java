package dev.compact.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.compact.screening.ResultsFile;
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
 * POST /api/screen/batch/rows} in the service's shape (hits, clear names, refused names, the lists), and
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
    stub.createContext(RemoteBatch.ROUTE, exchange -> answer(exchange, batch(exchange.getRequestBody().readAllBytes())));
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
          g.writeName("rows");
          g.writeStartArray();
          for (int h = 0; h < i % 3; h++) {
            g.writeString(row(i, h));
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
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

  /** A hit's row as the service writes it (ResultsFile), with a quoted name and explanation as real rows have. */
  private static String row(int query, int rank) {
    return ResultsFile.hitColumns(rank == 0 ? "ALERT" : "REVIEW", 0.95 - rank * 0.1 - query % 10 * 0.001, "Training list A",
        String.valueOf(1000 + query), "Name TRAINING " + query, "TRAINING, Name " + query, List.of("matched primary name"
            + " 'TRAINING, Name'", "'training'≈'training' exact 1.00 (w 2.0)", "name score " + (0.95 - rank * 0.1)));
  }
}
