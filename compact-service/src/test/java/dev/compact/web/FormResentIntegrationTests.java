package dev.compact.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** A dashboard form the browser sends twice, as a double click or "resend form data?" does. */
class FormResentIntegrationTests {

  /**
   * Audit round 4, B5: the dashboard's forms carried no idempotency key, so a form sent again recorded again (a
   * second consultation-held, a second verification, permanent and public). Each recording form now carries a key
   * made when its page is rendered: sent again, it is answered with what the first post recorded (the same redirect)
   * and nothing more is recorded; a report or request sent again is no longer refused as an id already taken.
   */
  @Test
  void aFormSentTwiceWithItsPagesKeyRecordsOnce() throws Exception {
    DashboardService s = DashboardService.start(TestDatabases.freshUrl("sqlite"));
    try {
      String desk = s.signedIn("protected:UKR");
      String secretariat = s.signedIn("secretariat");
      String report = "id=twice-1&kind=drone-strike&place=UA-30&severity=2&reportedBy=UKR&formKey=k1";
      String request = "consultation=twice-c&requestedBy=UKR&formKey=k3";

      HttpResponse<String> reported = s.post("/incidents", report, desk);
      HttpResponse<String> reportedAgain = s.post("/incidents", report, desk);
      for (int i = 0; i < 2; i++) {
        assertThat(s.post("/incidents/twice-1/verify", "by=UKR&formKey=k2", secretariat).statusCode()).isEqualTo(302);
      }
      HttpResponse<String> requested = s.post("/incidents/twice-1/consultations", request, desk);
      HttpResponse<String> requestedAgain = s.post("/incidents/twice-1/consultations", request, desk);
      for (int i = 0; i < 2; i++) {
        assertThat(s.post("/consultations/twice-c/held", "attended=GBR&formKey=k4", secretariat).statusCode()).isEqualTo(302);
      }
      HttpResponse<String> otherPage = s.post("/consultations/twice-c/held", "attended=DEU&formKey=k5", secretariat);

      assertThat(reported.statusCode()).isEqualTo(302);
      assertThat(reportedAgain.statusCode()).as(reportedAgain.body()).isEqualTo(302);
      assertThat(reportedAgain.headers().firstValue("Location")).isEqualTo(reported.headers().firstValue("Location"));
      assertThat(requested.statusCode()).isEqualTo(302);
      assertThat(requestedAgain.statusCode()).as(requestedAgain.body()).isEqualTo(302);
      assertThat(otherPage.statusCode()).as("another page's form records").isEqualTo(302);
      assertThat(events(s, "incident-twice-1")).as("reported and verified once each").isEqualTo(2);
      assertThat(events(s, "consultation-twice-c")).as("requested once, held once from each page").isEqualTo(3);
    } finally {
      s.context().close();
    }
  }

  private static long events(DashboardService s, String stream) throws Exception {
    try (Connection c = s.record().database().dataSource().getConnection();
        PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM events WHERE stream_id = ?")) {
      select.setString(1, stream);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
