package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.compact.screening.evaluation.CsvTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client does with answers a real service gives only in a race or under failure: lists
 * that change between two requests of one batch, a 503 that passes, answers that do not fit the
 * request. A loopback stand-in answers in the batch route's shape; the client's file against a
 * real service is compared byte for byte in {@link RemoteBatchIntegrationTests}.
 */
class RemoteBatchTests {

  @TempDir Path dir;

  /** A batch of {@code rows} names: more than one request's worth. */
  private Path batch(int rows) throws IOException {
    StringBuilder csv = new StringBuilder("name\n");
    for (int i = 0; i < rows; i++) {
      csv.append("Name ").append(i).append('\n');
    }
    return Files.writeString(dir.resolve("in.csv"), csv);
  }

  /** Serves {@code answer(request number)} for each POST /api/screen/batch/rows: a status and the lists' version, or a body. */
  private static HttpServer stub(IntFunction<Object> answer) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger requests = new AtomicInteger();
    server.createContext(RemoteBatch.ROUTE, exchange -> {
      byte[] request = exchange.getRequestBody().readAllBytes();
      int queries = new String(request, StandardCharsets.UTF_8).split("\"name\"", -1).length - 1;
      Object what = answer.apply(requests.getAndIncrement());
      int status = what instanceof Integer code ? code : 200;
      StringBuilder body = new StringBuilder();
      if (what instanceof String version) {
        body.append("{\"results\":[");
        for (int i = 0; i < queries; i++) {
          body.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"rows\":[]}");
        }
        body.append("],\"lists\":[{\"name\":\"Test list\",\"version\":\"").append(version).append("\"}]}");
      } else if (what instanceof byte[] raw) {
        body.append(new String(raw, StandardCharsets.UTF_8));
      }
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      if (status == 503) {
        exchange.getResponseHeaders().add("Retry-After", "0");
      }
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return server;
  }

  private CliRun screen(Path in, HttpServer server) {
    return CliRun.of("screen", "--batch", in.toString(), "--out", dir.resolve("out.csv").toString(), "--server",
        "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void screensTheBatchAgainWhenTheListsChangeBetweenTwoRequests() throws IOException {
    Path in = batch(600);
    AtomicInteger seen = new AtomicInteger();
    // Three requests a pass: the first answered by the old lists, every later one by the new.
    HttpServer server = stub(n -> {
      seen.incrementAndGet();
      return n == 0 ? "aaaaaaaaaaaa" : "bbbbbbbbbbbb";
    });
    try {
      CliRun run = screen(in, server);

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(seen.get()).isEqualTo(6);
      assertThat(run.out()).contains("against Test list bbbbbbbbbbbb").doesNotContain("aaaaaaaaaaaa");
      assertThat(Files.readAllLines(dir.resolve("out.csv"))).hasSize(601);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void writesNothingWhenTheListsChangeAgain() throws IOException {
    Path in = batch(600);
    HttpServer server = stub(n -> n % 2 == 0 ? "aaaaaaaaaaaa" : "bbbbbbbbbbbb");
    try {
      CliRun run = screen(in, server);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).contains("the service's lists changed twice during the batch", "Test list aaaaaaaaaaaa",
          "Test list bbbbbbbbbbbb", "nothing was written");
      assertThat(dir.resolve("out.csv")).doesNotExist();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void triesAgainAfterA503AndGivesUpAfterFourTries() throws IOException {
    Path in = batch(10);
    HttpServer passing = stub(n -> n < 2 ? (Object) 503 : "aaaaaaaaaaaa");
    HttpServer failing = stub(n -> 503);
    try {
      CliRun passed = screen(in, passing);
      CliRun failed = screen(in, failing);

      assertThat(passed.exitCode()).as(passed.err()).isZero();
      assertThat(failed.exitCode()).isEqualTo(1);
      assertThat(failed.err()).contains("kept answering HTTP 503 (4 tries)");
    } finally {
      passing.stop(0);
      failing.stop(0);
    }
  }

  @Test
  void refusesAnAnswerThatDoesNotFitTheRequest() throws IOException {
    Path in = batch(10);
    HttpServer html = stub(n -> "<html>proxy error</html>".getBytes(StandardCharsets.UTF_8));
    HttpServer short1 = stub(n -> "{\"results\":[{\"index\":0,\"rows\":[]}],\"lists\":[]}".getBytes(StandardCharsets.UTF_8));
    try {
      CliRun notJson = screen(in, html);
      CliRun tooFew = screen(in, short1);

      assertThat(notJson.exitCode()).isEqualTo(1);
      assertThat(notJson.err()).contains("with what is not a Compact batch answer").doesNotContain("\tat ");
      assertThat(tooFew.exitCode()).isEqualTo(1);
      assertThat(tooFew.err()).contains("answered 1 results to 10 queries");
      assertThat(dir.resolve("out.csv")).doesNotExist();
    } finally {
      html.stop(0);
      short1.stop(0);
    }
  }

  /**
   * The client copies a service's rows into the file as they are: a row must be one CSV record of a
   * hit's seven columns, or a service (or what answers at its address) could add lines of its own.
   */
  @Test
  void refusesARowThatIsNotOneRecordOfAHitsColumns() throws IOException {
    Path in = batch(1);
    String smuggled = "ALERT,1.000,List,1,A,A,x\n99,100,Forged,ALERT,1.000,List,2,B,B,y";
    String sixColumns = "ALERT,1.000,List,1,A,A";
    String notAHit = "NONE,,,,,,";
    List<CliRun> runs = new ArrayList<>();
    for (String row : List.of(smuggled, sixColumns, notAHit)) {
      String json = "{\"results\":[{\"index\":0,\"rows\":[\"" + row.replace("\n", "\\n") + "\"]}],\"lists\":[]}";
      HttpServer server = stub(n -> json.getBytes(StandardCharsets.UTF_8));
      try {
        runs.add(screen(in, server));
      } finally {
        server.stop(0);
      }
    }

    assertThat(runs).allSatisfy(run -> {
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).contains("with what is not a Compact batch answer").doesNotContain("\tat ");
    });
    assertThat(runs.get(0).err()).contains("a row is not 7 CSV cells");
    assertThat(runs.get(2).err()).contains("a row's decision is not ALERT or REVIEW");
    assertThat(dir.resolve("out.csv")).doesNotExist();
  }

  /**
   * A loopback stand-in on a bare socket that reads each request whole and then, by request number,
   * closes the connection without answering (a dropped connection) or answers 503 with Retry-After 0.
   */
  private static final class Flaky implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger requests = new AtomicInteger();
    final Thread thread = Thread.ofPlatform().daemon().start(this::serve);

    Flaky() throws IOException {}

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket connection = socket.accept()) {
          InputStream in = connection.getInputStream();
          while (true) {
            int length = contentLength(in);
            if (length < 0) {
              break;
            }
            in.readNBytes(length);
            if (requests.getAndIncrement() % 2 == 0) {
              break;
            }
            connection.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
          }
        } catch (IOException e) {
          // The socket closed at the end of the test, or the client went away: nothing to answer.
        }
      }
    }

    /** Reads one request's head; its Content-Length, or -1 at the end of the connection. */
    private static int contentLength(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        head.append((char) c);
        if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
          for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
              return Integer.parseInt(line.substring(15).strip());
            }
          }
          return 0;
        }
      }
      return -1;
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void triesARequestFourTimesAllToldWhenDroppedConnectionsAndA503Alternate() throws IOException {
    List<CsvTable.Row> rows = CsvTable.read("in.csv", new StringReader("name\nIvan Petrov\nAcme Trading\n"), List.of("name"))
        .rows();
    List<Long> waits = new CopyOnWriteArrayList<>();
    StringWriter err = new StringWriter();
    try (Flaky server = new Flaky()) {
      int code = RemoteBatch.screen(server.url(), null, java.util.Map.of(), 5, null, rows, dir.resolve("out.csv"),
          new PrintWriter(new StringWriter()), new PrintWriter(err, true), PhaseTimings.OFF, waits::add);

      assertThat(code).isEqualTo(1);
      // Before #17's flattening, each 503 round retried the dropped connection on its own: eight requests, not four.
      assertThat(server.requests.get()).isEqualTo(RemoteBatch.ATTEMPTS);
      // Dropped: 0.25 s; 503 with Retry-After 0: at once; dropped again: 1 s.
      assertThat(new ArrayList<>(waits)).containsExactly(250L, 0L, 1000L);
      assertThat(err.toString()).contains("kept answering HTTP 503 (4 tries)", "nothing was written");
      assertThat(dir.resolve("out.csv")).doesNotExist();
    }
  }
}
