package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14 (p99 of the lists under load): answers of the lists are kept in memory per head of the
 * record. A kept answer must never outlive a write, whichever instance made it, nor reach a reader
 * of another clearance.
 */
class ListAnswersIntegrationTests {

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void keptAnswersFollowEveryWriteOfEitherInstanceAndStayWithinTheirClearance(String kind) {
    String db = TestDatabases.freshUrl(kind);
    try (ConfigurableApplicationContext one = start(db); ConfigurableApplicationContext two = start(db)) {
      Http first = RecordApiIntegrationTests.http(one);
      Http second = RecordApiIntegrationTests.http(two);
      Tokens tokens = Tokens.create(one);
      ListAnswers kept = one.getBean(ListAnswers.class);

      report(first, tokens, "a1", "public");
      HttpResponse<String> before = first.get("/api/incidents");
      assertThat(before.body()).contains("\"a1\"");
      assertThat(kept.size()).isEqualTo(1);
      HttpResponse<String> again = first.get("/api/incidents");
      assertThat(again.body()).isEqualTo(before.body());
      assertThat(again.headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag")).isPresent();
      assertThat(again.headers().firstValue("Content-Type")).isEqualTo(before.headers().firstValue("Content-Type"));
      assertThat(again.headers().firstValue("Content-Security-Policy")).isEqualTo(before.headers().firstValue("Content-Security-Policy"))
          .isPresent();
      assertThat(first.get("/api/incidents", "If-None-Match", before.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);

      // A write on the other instance moves the head both read: the kept list is not given again.
      report(second, tokens, "b1", "public");
      HttpResponse<String> after = first.get("/api/incidents");
      assertThat(after.body()).contains("\"a1\"", "\"b1\"");
      assertThat(after.headers().firstValue("ETag")).isNotEqualTo(before.headers().firstValue("ETag"));
      assertThat(first.get("/api/incidents", "If-None-Match", before.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(200);

      // The public's answer, kept first, is not what a desk or the secretariat gets, nor the other way round.
      report(first, tokens, "r1", "restricted");
      assertThat(first.get("/api/incidents").body()).doesNotContain("\"r1\"");
      assertThat(first.get("/api/incidents", "Authorization", "Bearer " + tokens.secretariat()).body()).contains("\"r1\"");
      assertThat(first.get("/api/incidents").body()).doesNotContain("\"r1\"").doesNotContain("lastSeq");
      assertThat(first.get("/api/incidents", "Authorization", "Bearer " + tokens.secretariat()).body()).contains("\"r1\"", "lastSeq");

      // Pages differ by their query, and each carries its own Link.
      HttpResponse<String> pageOne = first.get("/api/incidents?limit=1");
      HttpResponse<String> pageTwo = first.get("/api/incidents?limit=1&offset=1");
      assertThat(pageOne.body()).isNotEqualTo(pageTwo.body());
      assertThat(first.get("/api/incidents?limit=1").headers().firstValue("Link")).isEqualTo(pageOne.headers().firstValue("Link"))
          .hasValueSatisfying(link -> assertThat(link).contains("offset=1"));
      // A refused read is not kept.
      assertThat(first.get("/api/incidents?limit=0").statusCode()).isEqualTo(400);
      assertThat(first.get("/api/incidents?limit=0").statusCode()).isEqualTo(400);
    }
  }

  private static ConfigurableApplicationContext start(String db) {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + db, "--compact.compact-dir=" + Http.example("kyiv-compact"),
        "--compact.screening.preload=false");
  }

  private static void report(Http http, Tokens tokens, String id, String classification) {
    HttpResponse<String> answer = http.post("/api/incidents", "application/json", """
        {"id": "%s", "kind": "drone-strike", "place": "UA-30", "severity": 2, "reportedBy": "UKR", "classification": "%s"}"""
        .formatted(id, classification), Tokens.bearer(tokens.ukr()));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
  }
}
