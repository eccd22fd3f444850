package dev.compact.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.Clearance;
import dev.compact.store.TestDatabases;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Pages and forms given a field of the wrong type, or none where one is needed, over the real HTTP
 * server: a 400 page that names the field, nothing recorded, and no stack trace in the log (bad input
 * is not a failure of the service). The database plays no part here, so SQLite alone serves.
 */
@ExtendWith(OutputCaptureExtension.class)
class DashboardBadInputIntegrationTests {
  private static DashboardService service;

  @BeforeAll
  static void start() {
    service = DashboardService.start(TestDatabases.freshUrl("sqlite"));
  }

  @AfterAll
  static void stop() {
    service.context().close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      /watchlist/alerts?page=abc       | page  | must be a whole number
      /scenarios/run                   | file  | is missing
      /obligations/instance            | key   | is missing
      /agreements/gbr-ukr-2024/compare | with  | is missing
      """)
  void aPageGivenAWrongOrMissingParameterAnswers400NamingIt(String path, String field, String says, CapturedOutput log) {
    HttpResponse<String> page = service.get(path, null, true);

    assertThat(page.statusCode()).as(page.body()).isEqualTo(400);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("&#39;" + field + "&#39; " + says).doesNotContain("Something went wrong");
    assertThat(log.getAll()).doesNotContain("dashboard page failed").doesNotContainPattern("\\tat org\\.springframework");
  }

  /** A link anyone can send: the page it opens must not say what the link's author wrote into it. */
  @Test
  void aRefusedValueIsNotRepeatedOnThePage() {
    HttpResponse<String> page = service.get("/watchlist/alerts?page=Pay%20the%20fine%20to%20IBAN%20q7say", null, true);

    assertThat(page.statusCode()).as(page.body()).isEqualTo(400);
    assertThat(page.body()).contains("&#39;page&#39; must be a whole number").doesNotContain("q7say", "IBAN");
  }

  /** The test clock's form repeated a refused 'advance by' whole (review5 L7): cut short and escaped, as every message. */
  @Test
  void theClockFormRepeatsARefusedDurationCutShortAndEscaped() {
    String value = "x\u0007\u202e" + "y".repeat(5000);

    HttpResponse<String> refused = service.post("/clock", "advanceBy=" + URLEncoder.encode(value, StandardCharsets.UTF_8),
        service.signedIn("secretariat"));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("not &#39;x\\u0007\\u202Eyyy", "... (5003 characters)").doesNotContain("y".repeat(100), "\u0007",
        "\u202e");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      severity=high      | &#39;severity&#39; must be a whole number
      severity=          | &#39;severity&#39; is empty
      kind=drone-strike  | &#39;severity&#39; is missing
      """)
  void anIncidentFormWithABadSeverityIsRefusedNamingTheFieldAndRecordsNothing(String change, String says, CapturedOutput log) {
    String session = service.signedIn("protected:UKR");
    String id = "bad-severity-" + Math.abs(change.hashCode());
    String form = "id=" + id + "&kind=drone-strike&place=UA-30&reportedBy=UKR&" + change;

    HttpResponse<String> refused = service.post("/incidents", form, session);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("Not recorded", says);
    assertThat(service.record().queries(Clearance.SECRET).incident(id)).isEmpty();
    assertThat(log.getAll()).doesNotContain("dashboard page failed").doesNotContainPattern("\\tat org\\.springframework");
  }

  @Test
  void anUploadFormSentWithoutItsFileIsRefusedNamingThePart(CapturedOutput log) {
    HttpResponse<String> refused = service.postMultipart("/scenarios/run", Map.of("note", "no file"), null);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("&#39;scenario&#39; is missing");
    assertThat(log.getAll()).doesNotContain("dashboard page failed").doesNotContainPattern("\\tat org\\.springframework");
  }

  /**
   * Every 400 page was titled "Not recorded", also where nothing was being recorded: a page opened with a bad filter,
   * or a scenario that was only to be run. The title says what did not happen.
   */
  @Test
  void aRefusalIsTitledForWhatWasAskedNotAlwaysAsARecord() {
    HttpResponse<String> filter = service.get("/obligations?kind=everything", null, true);
    HttpResponse<String> parameter = service.get("/watchlist/alerts?page=abc", null, true);
    HttpResponse<String> scenario = service.postMultipart("/scenarios/run", Map.of("note", "no file"), null);
    HttpResponse<String> incident = service.post("/incidents", "id=titled&kind=drone-strike&place=UA-30&reportedBy=UKR&severity=high",
        service.signedIn("protected:UKR"));

    for (HttpResponse<String> page : java.util.List.of(filter, parameter)) {
      assertThat(page.statusCode()).as(page.body()).isEqualTo(400);
      assertThat(title(page)).isEqualTo("Cannot show this page");
    }
    assertThat(scenario.statusCode()).isEqualTo(400);
    assertThat(title(scenario)).isEqualTo("Cannot run this");
    assertThat(incident.statusCode()).isEqualTo(400);
    assertThat(title(incident)).isEqualTo("Not recorded");
  }

  /** The page's heading (its title, as the browser's tab shows it, says the same). */
  private static String title(HttpResponse<String> page) {
    java.util.regex.Matcher h1 = java.util.regex.Pattern.compile("<h1[^>]*>([^<]*)</h1>").matcher(page.body());
    assertThat(h1.find()).as(page.body()).isTrue();
    assertThat(page.body()).contains("<title>" + h1.group(1));
    return h1.group(1);
  }
}
