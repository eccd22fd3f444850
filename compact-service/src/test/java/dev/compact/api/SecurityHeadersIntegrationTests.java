package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The protective headers on every kind of answer the service gives a browser: a dashboard page, API
 * JSON, the API docs, error pages and problem documents. That browsers obey them is shown in
 * DashboardBrowserTests.
 */
class SecurityHeadersIntegrationTests {
  private static final String DASHBOARD_CSP = "default-src 'none'; script-src 'self' 'report-sample'; style-src 'self' 'report-sample';"
      + " img-src 'self'; connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  private static final String API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static ConfigurableApplicationContext context;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    // Behind a TLS-terminating proxy the service learns that a request was secure from X-Forwarded-Proto.
    context = ServiceApplication.start("--server.port=0", "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--server.forward-headers-strategy=native");
    http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void aDashboardPageMayRunOnlyItsOwnFiles() {
    HttpResponse<String> page = http.get("/ledger", "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertProtected(page, DASHBOARD_CSP);
  }

  @Test
  void apiJsonLoadsNothingInABrowser() {
    HttpResponse<String> json = http.get("/api/compact");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertProtected(json, API_CSP);
  }

  @Test
  void problemDocumentsAndErrorPagesAreProtectedToo() {
    HttpResponse<String> problem = http.get("/api/incidents/no-such-incident");
    assertThat(problem.statusCode()).isEqualTo(404);
    assertThat(problem.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertProtected(problem, API_CSP);

    HttpResponse<String> refused = http.post("/api/incidents", "application/json", "{}", "Authorization", "Bearer not-a-token");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertProtected(refused, API_CSP);

    HttpResponse<String> dashboardError = http.get("/incidents/no-such-incident", "Accept", "text/html");
    assertThat(dashboardError.statusCode()).isEqualTo(404);
    assertThat(dashboardError.body()).contains("Not found");
    assertProtected(dashboardError, DASHBOARD_CSP);

    HttpResponse<String> noPage = http.get("/no-such-page", "Accept", "text/html");
    assertThat(noPage.statusCode()).isEqualTo(404);
    assertProtected(noPage, DASHBOARD_CSP);
  }

  @Test
  void theApiDocsMayAlsoUseDataImagesAndTheSwaggerLogosOneStyle() {
    HttpResponse<String> docs = http.get("/api/swagger-ui/index.html");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("swagger-ui-bundle.js");
    String csp = docs.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self' 'report-sample';", "img-src 'self' data:;", "'sha256-", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(http.get("/api/docs").headers().firstValue("Content-Security-Policy")).contains(csp);
    // The description the docs read is JSON like the rest of the API.
    assertThat(http.get("/api/openapi").headers().firstValue("Content-Security-Policy")).contains(API_CSP);
  }

  @Test
  void strictTransportSecurityIsSentOnlyOverHttps() {
    assertThat(http.get("/").headers().firstValue("Strict-Transport-Security")).isEmpty();
    assertThat(http.get("/api/compact").headers().firstValue("Strict-Transport-Security")).isEmpty();
    HttpResponse<String> secure = http.get("/", "X-Forwarded-Proto", "https");
    assertThat(secure.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000; includeSubDomains");
  }

  private static void assertProtected(HttpResponse<String> response, String csp) {
    Map<String, String> expected = Map.of("Content-Security-Policy", csp, "X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY",
        "Referrer-Policy", "no-referrer", "Cross-Origin-Opener-Policy", "same-origin", "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    expected.forEach((name, value) -> assertThat(response.headers().allValues(name)).as(name + " on " + response.uri()).containsExactly(value));
  }
}
