package dev.compact.web;

import static dev.compact.web.DashboardService.encode;
import static dev.compact.web.DashboardService.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A dashboard form refused for its CSRF token, as a browser meets it over HTTP. */
class ExpiredFormIntegrationTests {

  /**
   * Audit round 4, B3: a form whose CSRF token no longer matched (the cookie gone after a browser restart) got
   * Spring's "Whitelabel Error Page", or its JSON without an Accept header. Now it is a dashboard page, 403, that
   * says the form expired and must be reloaded; nothing is recorded. The page is not reachable on its own.
   */
  @Test
  void aFormRefusedForItsCsrfTokenGetsADashboardPageThatSaysToReloadIt() {
    DashboardService s = DashboardService.start(TestDatabases.freshUrl("sqlite"));
    try {
      String desk = s.desk();
      String id = session(s.signIn(desk, DashboardService.PASSWORD, "/", null));

      HttpResponse<String> expired = s.postWithoutToken("/incidents", "id=expired-1&kind=drone-strike&place=UA-30&severity=2&reportedBy=UKR",
          id);
      HttpResponse<String> signIn = s.postWithoutToken("/signin", "name=" + desk + "&password=" + encode(DashboardService.PASSWORD), null);
      HttpResponse<String> direct = s.get("/forms/refused", id, true);

      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(expired.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      assertThat(expired.body()).contains("Not recorded", "This form has expired", "Reload the page and send the form again",
          "nothing was recorded").doesNotContain("Whitelabel");
      assertThat(signIn.statusCode()).isEqualTo(403);
      assertThat(signIn.body()).contains("Not signed in", "This form has expired", "you were not signed in");
      assertThat(direct.statusCode()).isEqualTo(404);
      assertThat(s.record().queries(dev.compact.access.Clearance.SECRET).incident("expired-1")).isEmpty();
    } finally {
      s.context().close();
    }
  }
}
