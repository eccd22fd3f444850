package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmarks' HTTP client against a server that answers exactly the bytes each test gives it. */
class LoopbackHttpTests {
  private ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void readsFixedLengthAndChunkedAnswersOnOneKeptAliveConnection() throws Exception {
    LoopbackHttp http = client(n -> n % 2 == 0
        ? "HTTP/1.1 200 \r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"b c\"}"
        : "HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3;x=y\r\n:1}\r\n0\r\n\r\n");

    assertThat(text(http.post("/api/screen", bytes("{\"name\":\"one\"}")))).isEqualTo("{\"a\":\"b c\"}");
    assertThat(text(http.post("/api/screen", bytes("{\"name\":\"two\"}")))).isEqualTo("{\"a\":1}");
    assertThat(text(http.post("/api/screen", bytes("{\"name\":\"three\"}")))).isEqualTo("{\"a\":\"b c\"}");

    assertThat(connections).hasValue(1);
    assertThat(bodies).containsExactly("{\"name\":\"one\"}", "{\"name\":\"two\"}", "{\"name\":\"three\"}");
  }

  @Test
  void opensANewConnectionAfterTheServerSaysItClosesThisOne() throws Exception {
    LoopbackHttp http = client(n -> "HTTP/1.1 200 \r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");

    http.post("/x", bytes("{}"));
    http.post("/x", bytes("{}"));

    assertThat(connections).hasValue(2);
  }

  @Test
  void sendsARequestAgainOnANewConnectionWhenTheServerDroppedTheIdleOne() throws Exception {
    // As Tomcat does after its keep-alive timeout: the connection is closed without a word.
    LoopbackHttp http = client(n -> "HTTP/1.1 200 \r\nContent-Length: 2\r\nX-Test-Then: drop\r\n\r\nok");

    assertThat(text(http.post("/x", bytes("{\"n\":1}")))).isEqualTo("ok");
    assertThat(text(http.post("/x", bytes("{\"n\":2}")))).isEqualTo("ok");

    assertThat(connections).hasValue(2);
    assertThat(bodies).containsExactly("{\"n\":1}", "{\"n\":2}");
  }

  @Test
  void anythingButTwoHundredFailsWithTheAnswer() throws Exception {
    LoopbackHttp http = client(n -> "HTTP/1.1 422 \r\nContent-Length: 14\r\n\r\n{\"detail\":\"no\"");

    assertThatThrownBy(() -> http.post("/api/screen", bytes("{}"))).isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 422").hasMessageContaining("{\"detail\":\"no\"");
  }

  @Test
  void anAnswerCutShortFails() throws Exception {
    LoopbackHttp http = client(n -> "HTTP/1.1 200 \r\nContent-Length: 100\r\nConnection: close\r\n\r\ntoo short");

    assertThatThrownBy(() -> http.post("/x", bytes("{}"))).isInstanceOf(IOException.class);
  }

  private LoopbackHttp client(IntFunction<String> answers) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    AtomicInteger requests = new AtomicInteger();
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          connections.incrementAndGet();
          Thread.ofVirtual().start(() -> serve(socket, answers, requests));
        } catch (IOException e) {
          return;
        }
      }
    });
    return new LoopbackHttp("127.0.0.1", server.getLocalPort());
  }

  /** Reads requests (header, then Content-Length bytes) and writes the scripted answers until one says close. */
  private void serve(Socket socket, IntFunction<String> answers, AtomicInteger requests) {
    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
      while (true) {
        String header = header(in);
        if (header == null) {
          return;
        }
        int length = header.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
            .mapToInt(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
        bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        String answer = answers.apply(requests.getAndIncrement());
        out.write(answer.getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (answer.contains("Connection: close") || answer.contains("X-Test-Then: drop")) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static String header(InputStream in) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    int matched = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      header.write(b);
      matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
      if (matched == 4) {
        return header.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
