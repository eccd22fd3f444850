package dev.compact.cli;

import dev.compact.screening.NameKind;
import dev.compact.screening.ScreeningQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The HTTP clients {@code bench screening-http} can measure with, and the request bodies they send. They share the
 * server's cores, so how much CPU a client spends per request is part of what the bench reports (see docs/screening.md).
 */
final class BenchClients {
  private BenchClients() {}

  /** The HTTP clients the bench can measure with; all use HTTP/1.1 keep-alive. */
  enum Client {
    SOCKET("socket"), URL_CONNECTION("url-connection"), JAVA_NET_HTTP("java-net-http");

    private final String option;

    Client(String option) {
      this.option = option;
    }

    @Override
    public String toString() {
      return option;
    }
  }

  /** Posts a body to a path of the service and reads the whole answer; anything but 200 is an IOException. */
  @FunctionalInterface
  interface Poster {
    void post(String path, byte[] body) throws IOException, InterruptedException;
  }

  static Poster poster(Client client, String base) {
    return switch (client) {
      case SOCKET -> {
        URI uri = URI.create(base);
        LoopbackHttp http = new LoopbackHttp(uri.getHost(), uri.getPort());
        yield (path, body) -> http.post(path, body);
      }
      case URL_CONNECTION -> {
        java.util.Map<String, URL> urls = new java.util.concurrent.ConcurrentHashMap<>();
        yield (path, body) -> post(urls.computeIfAbsent(path, p -> url(base + p)), body);
      }
      case JAVA_NET_HTTP -> {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        yield (path, body) -> {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for " + new String(body, StandardCharsets.UTF_8)
                + ": " + response.body());
          }
        };
      }
    };
  }

  private static URL url(String text) {
    try {
      return URI.create(text).toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /**
   * One POST over the JDK's blocking {@code HttpURLConnection}, which keeps the connection alive between calls (its
   * keep-alive cache hands the same socket back once the answer is read to the end). The whole body is read, as a
   * client would, and anything but 200 fails the run.
   */
  private static void post(URL url, byte[] body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/json");
    connection.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }
    int status = connection.getResponseCode();
    if (status != 200) {
      InputStream error = connection.getErrorStream();
      String detail = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
      throw new IOException("HTTP " + status + " for " + new String(body, StandardCharsets.UTF_8) + ": " + detail);
    }
    try (InputStream in = connection.getInputStream()) {
      in.readAllBytes();
    }
  }

  static String json(ScreeningQuery q) {
    StringBuilder b = new StringBuilder("{\"name\":\"");
    for (int i = 0; i < q.name().length(); i++) {
      char ch = q.name().charAt(i);
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (ch < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    b.append('"');
    if (q.kind() != NameKind.UNKNOWN) {
      b.append(",\"type\":\"").append(q.kind().name().toLowerCase(Locale.ROOT)).append('"');
    }
    return b.append('}').toString();
  }
}
