package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load bench sends every request it plans to each path of each service and counts what failed; its latencies are read by people. */
class ApiLoadBenchCommandTests {

  @Test
  void loadsEachPathOfEachServiceAndCountsFailures() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/ok", exchange -> {
      byte[] body = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.createContext("/missing", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      CliRun run = CliRun.of("bench", "api-load", "--url", url, "--path", "/ok,/missing", "--rate", "40", "--seconds", "1", "--warmup", "0");

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(run.out()).containsPattern("round 1 +/ok +" + url + " +sent +40 +ok +40 +failed +0 .*7 bytes")
          .containsPattern("round 1 +/missing +" + url + " +sent +40 +ok +0 +failed +40 ")
          .containsPattern("load +\\d+\\.\\d\\d");
    } finally {
      server.stop(0);
    }
  }
}
