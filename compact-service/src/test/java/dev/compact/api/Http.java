package dev.compact.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A plain HTTP client for integration tests: the service is called the way any client would. */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private final int port;
  private final String base;

  Http(int port) {
    this.port = port;
    this.base = "http://localhost:" + port;
  }

  int port() {
    return port;
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder.build());
  }

  HttpResponse<String> post(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder.build());
  }

  /**
   * Signs in to the dashboard with an API token, as its sign-in page does: the Cookie header (name and
   * value) that carries the session.
   */
  String[] signIn(String token) {
    HttpResponse<String> signedIn = form("/signin/token", "token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
    String session = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("compact_session="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow(() -> new AssertionError("no session: " + signedIn.body()));
    return new String[] {"Cookie", session};
  }

  /**
   * A dashboard form post as the dashboard's own page sends it: with the CSRF token of a page just
   * opened (in the form and in its cookie), and any Cookie header given merged with that cookie.
   */
  HttpResponse<String> form(String path, String body, String... headers) {
    String cookies = "";
    java.util.List<String> rest = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase("Cookie")) {
        cookies = headers[i + 1];
      } else {
        rest.add(headers[i]);
        rest.add(headers[i + 1]);
      }
    }
    String[] csrf = csrf(cookies);
    rest.addAll(java.util.List.of(csrf));
    return post(path, "application/x-www-form-urlencoded", body, rest.toArray(String[]::new));
  }

  /**
   * Headers that carry a fresh CSRF token of the dashboard (its cookie, with the given cookies, and
   * the X-XSRF-TOKEN header), for posts to dashboard routes that are not plain forms.
   */
  String[] csrf(String cookies) {
    HttpResponse<String> page = get("/signin", cookies.isEmpty() ? new String[0] : new String[] {"Cookie", cookies});
    java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    if (!token.find()) {
      throw new IllegalStateException("no CSRF token on /signin");
    }
    String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("compact_csrf=")).findFirst()
        .map(c -> c.substring(0, c.indexOf(';'))).orElseThrow(() -> new IllegalStateException("no CSRF cookie"));
    return new String[] {"Cookie", cookies.isEmpty() ? cookie : cookies + "; " + cookie, "X-XSRF-TOKEN", token.group(1)};
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The repository's example compact, found from wherever Maven runs the tests. */
  static Path example(String name) {
    return dev.compact.Examples.compact(name);
  }
}
