package dev.compact.web;

import dev.compact.ServiceApplication;
import dev.compact.access.Accounts;
import dev.compact.access.DashboardSessions;
import dev.compact.service.RecordService;
import dev.compact.service.TestClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;

/** A running service with a test clock, and a browser's requests to it over HTTP. */
record DashboardService(ConfigurableApplicationContext context, String base) {
  static final String PASSWORD = "kyiv compact desk 2026";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final AtomicInteger NAMES = new AtomicInteger();

  /** A service over this database, with these settings besides the tests' own (--name=value). */
  static DashboardService start(String url, String... settings) {
    Path compact = DashboardBrowserTests.example("kyiv-compact");
    List<String> arguments = new java.util.ArrayList<>(List.of("--server.port=0", "--compact.db=" + url,
        "--compact.compact-dir=" + compact, "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T09:00:00Z",
        "--compact.tick-interval=PT1H", "--server.forward-headers-strategy=native"));
    arguments.addAll(List.of(settings));
    ConfigurableApplicationContext context = ServiceApplication.start(arguments.toArray(String[]::new));
    return new DashboardService(context, "http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
  }

  Accounts accounts() {
    return context.getBean(Accounts.class);
  }

  TestClock clock() {
    return (TestClock) context.getBean(Clock.class);
  }

  RecordService record() {
    return context.getBean(RecordService.class);
  }

  /** A new account of Ukraine's desk with the password. */
  String desk() {
    return account("protected:UKR");
  }

  /** A new account with these roles and the password. */
  String account(String... roles) {
    String name = "desk-" + NAMES.incrementAndGet() + "-" + Math.abs(base.hashCode() % 1000);
    accounts().add(name, List.of(roles));
    accounts().passwords().set(name, PASSWORD);
    return name;
  }

  /** A new session of a new account with these roles, signed in with the password. */
  String signedIn(String... roles) {
    return session(signIn(account(roles), PASSWORD, "/", null));
  }

  HttpResponse<String> signIn(String name, String password, String back, String session, String... headers) {
    return post("/signin", "name=" + encode(name) + "&password=" + encode(password) + "&back=" + encode(back), session, headers);
  }

  /**
   * A form post as the dashboard's own page sends it: with the page's CSRF token (and its cookie),
   * and the session cookie, if any.
   */
  HttpResponse<String> post(String path, String form, String session, String... headers) {
    HttpResponse<String> page = get("/signin", session, true);
    Matcher token = CSRF.matcher(page.body());
    Map<String, String> cookies = formCookies(page, session);
    String body = token.find() ? form + (form.isEmpty() ? "" : "&") + "_csrf=" + encode(token.group(1)) : form;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    cookieHeader(cookies).ifPresent(c -> request.header("Cookie", c));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /**
   * A multipart form post as the dashboard's upload forms send it, with the page's CSRF token, and
   * these text parts only (no file part unless one is named here).
   */
  HttpResponse<String> postMultipart(String path, Map<String, String> parts, String session) {
    HttpResponse<String> page = get("/signin", session, true);
    Matcher token = CSRF.matcher(page.body());
    Map<String, String> all = new LinkedHashMap<>(parts);
    if (token.find()) {
      all.put("_csrf", token.group(1));
    }
    String boundary = "compact-test-boundary";
    StringBuilder body = new StringBuilder();
    all.forEach((name, value) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
        .append("\"\r\n\r\n").append(value).append("\r\n"));
    body.append("--").append(boundary).append("--\r\n");
    Map<String, String> cookies = formCookies(page, session);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    cookieHeader(cookies).ifPresent(c -> request.header("Cookie", c));
    return send(request.build());
  }

  /** A form post with the session cookie but without any CSRF token, as a page of another site could send it. */
  HttpResponse<String> postWithoutToken(String path, String form, String session) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (session != null) {
      request.header("Cookie", DashboardSessions.COOKIE + "=" + session);
    }
    return send(request.build());
  }

  HttpResponse<String> get(String path, String session, boolean byPerson) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
        .header("Sec-Fetch-Mode", byPerson ? "navigate" : "cors");
    if (session != null) {
      request.header("Cookie", DashboardSessions.COOKIE + "=" + session);
    }
    return send(request.build());
  }

  /** Whom a page opened with this session cookie says is signed in. */
  Optional<String> signedInAs(String session, boolean byPerson) {
    Matcher m = Pattern.compile("Signed in as ([a-z0-9._-]+)").matcher(get("/signin", session, byPerson).body());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The session cookie, if any, and the CSRF cookie the page set. */
  private static Map<String, String> formCookies(HttpResponse<String> page, String session) {
    Map<String, String> cookies = new LinkedHashMap<>();
    if (session != null) {
      cookies.put(DashboardSessions.COOKIE, session);
    }
    page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("compact_csrf=")).findFirst()
        .ifPresent(c -> cookies.put("compact_csrf", c.substring("compact_csrf=".length(), c.indexOf(';'))));
    return cookies;
  }

  private static Optional<String> cookieHeader(Map<String, String> cookies) {
    return cookies.isEmpty() ? Optional.empty()
        : Optional.of(String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String sessionCookieHeader(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(DashboardSessions.COOKIE + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
  }

  static String session(HttpResponse<String> response) {
    String header = sessionCookieHeader(response);
    return header.substring(DashboardSessions.COOKIE.length() + 1, header.indexOf(';'));
  }
}
