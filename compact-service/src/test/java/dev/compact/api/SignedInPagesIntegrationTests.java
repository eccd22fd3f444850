package dev.compact.api;

import static dev.compact.api.ClassifiedReferencesIntegrationTests.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A dashboard page shown to a signed-in desk holds the restricted records the desk is cleared for.
 * Sent without cache headers, a shared cache between the desk and the service could keep it and hand
 * it to the next reader, and the browser's own cache would show it after the desk signed out.
 */
class SignedInPagesIntegrationTests {

  @Test
  void noCacheKeepsAPageShownToASignedInReader() {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      ok(http.post("/api/incidents", "application/json", "{\"id\": \"quiet-1\", \"kind\": \"armed-attack\", \"place\": \"UA-63\","
          + " \"severity\": 4, \"reportedBy\": \"UKR\", \"classification\": \"restricted\"}", Tokens.bearer(tokens.ukr())));
      String[] session = http.signIn(tokens.gbr());

      for (String path : new String[] {"/incidents", "/incidents/quiet-1", "/", "/obligations", "/ledger.csv"}) {
        HttpResponse<String> page = http.get(path, session);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).as(path).contains("no-store");
      }
      assertThat(http.get("/incidents", session).body()).contains("quiet-1");
      // The public's pages show nothing classified, and its files are the same for everyone: caches may keep them.
      assertThat(http.get("/incidents").body()).doesNotContain("quiet-1");
      assertThat(http.get("/incidents").headers().firstValue("Cache-Control")).isEmpty();
      assertThat(http.get("/dashboard/dashboard.css", session).headers().firstValue("Cache-Control")).isEmpty();
    }
  }
}
