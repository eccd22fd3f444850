package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.service.RecordService;
import dev.compact.store.StoredEvent;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The acts no incident makes (a condition met, an extension, snapback, compensation, a party's
 * status, an act a prohibition may forbid) and a delivery's scope are commands over the API like any
 * other write: recorded with every field, answered with an ETag, held to If-Match and Idempotency-Key,
 * refused with a clear problem and nothing recorded.
 */
class ActsApiIntegrationTests {
  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void actsAreRecordedAsCommandsWithTheirFieldsVersionsAndKeys(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      String json = "application/json";

      // A delivery keeps its scope; a scope that is neither is refused.
      HttpResponse<String> delivery = http.post("/api/deliveries", json, """
          {"guarantor": "GBR", "category": "military", "value": {"value": 5000000, "currency": "GBP"}, "scope": "non-lethal"}""",
          Tokens.bearer(tokens.gbr()));
      assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(201);
      assertThat(last(record, "support-GBR").payload()).contains("\"scope\":\"NON_LETHAL\"");
      long head = record.store().head().seq();
      HttpResponse<String> badScope = http.post("/api/deliveries", json, """
          {"guarantor": "GBR", "category": "military", "value": {"value": 1, "currency": "GBP"}, "scope": "deadly"}""",
          Tokens.bearer(tokens.gbr()));
      assertThat(badScope.statusCode()).isEqualTo(400);
      assertThat(badScope.body()).contains("'scope' must be one of");

      // Germany's desk records the Bundestag's approval; a clause that waits for no such condition is refused.
      HttpResponse<String> met = http.post("/api/agreements/deu-ukr-2024/conditions-met", json,
          "{\"clause\": \"deu-mil-2024\", \"condition\": \"parliamentary-approval\", \"by\": \"DEU\"}", Tokens.bearer(tokens.deu()));
      assertThat(met.statusCode()).as(met.body()).isEqualTo(200);
      assertThat(met.body()).contains("\"stream\":\"party-DEU\"", "\"type\":\"precondition-met\"");
      head = record.store().head().seq();
      HttpResponse<String> notWaiting = http.post("/api/agreements/deu-ukr-2024/conditions-met", json,
          "{\"clause\": \"deu-mil-2024\", \"condition\": \"appropriation\", \"by\": \"DEU\"}", Tokens.bearer(tokens.deu()));
      assertThat(notWaiting.statusCode()).isEqualTo(400);
      assertThat(notWaiting.body()).contains("not a commitment subject to appropriation");
      assertThat(http.post("/api/agreements/deu-ukr-2024/conditions-met", json,
          "{\"clause\": \"no-such-clause\", \"condition\": \"appropriation\", \"by\": \"DEU\"}", Tokens.bearer(tokens.deu())).statusCode())
          .isEqualTo(404);
      assertThat(record.store().head().seq()).isEqualTo(head);

      // An extension with If-Match: the version read is written on; a stale one is 412 and writes nothing. Ukraine's own
      // consent first: the US desk names Ukraine in 'agreedBy' only once it is on file.
      assertThat(http.post("/api/agreements/usa-ukr-2024/extensions", json, "{\"by\": \"UKR\", \"agreedBy\": [\"UKR\"], \"years\": 10}",
          Tokens.bearer(tokens.ukr())).statusCode()).isEqualTo(200);
      HttpResponse<String> extended = http.post("/api/agreements/usa-ukr-2024/extensions", json,
          "{\"by\": \"USA\", \"agreedBy\": [\"USA\", \"UKR\"], \"years\": 10}", "If-Match", "\"0\"", "Authorization", "Bearer " + tokens.usa());
      assertThat(extended.statusCode()).as(extended.body()).isEqualTo(200);
      assertThat(extended.headers().firstValue("ETag")).contains("\"1\"");
      head = record.store().head().seq();
      // (The US consent alone: Ukraine's was spent by the extension it made, and naming it again is refused whatever the version.)
      HttpResponse<String> stale = http.post("/api/agreements/usa-ukr-2024/extensions", json,
          "{\"by\": \"USA\", \"agreedBy\": [\"USA\"], \"years\": 10}", "If-Match", "\"0\"", "Authorization", "Bearer " + tokens.usa());
      assertThat(stale.statusCode()).isEqualTo(412);
      assertThat(record.store().head().seq()).isEqualTo(head);

      // Snapback retried with its key is recorded once and answered alike.
      HttpResponse<String> snapback = http.post("/api/snapback", json, "{\"by\": \"GBR\"}", "Idempotency-Key", "snap-1",
          "Authorization", "Bearer " + tokens.gbr());
      HttpResponse<String> retry = http.post("/api/snapback", json, "{\"by\": \"GBR\"}", "Idempotency-Key", "snap-1",
          "Authorization", "Bearer " + tokens.gbr());
      assertThat(snapback.statusCode()).as(snapback.body()).isEqualTo(200);
      assertThat(retry.body()).isEqualTo(snapback.body());
      assertThat(record.store().readStream("party-GBR")).hasSize(1);

      // Compensation: the secretariat's, in one currency.
      head = record.store().head().seq();
      HttpResponse<String> twoCurrencies = http.post("/api/compensation", json, """
          {"by": "RUS", "paid": {"value": 1, "currency": "EUR"}, "assessed": {"value": 152000000000, "currency": "USD"}, "source": "RDNA3"}""",
          Tokens.bearer(tokens.secretariat()));
      assertThat(twoCurrencies.statusCode()).isEqualTo(400);
      assertThat(twoCurrencies.body()).contains("one currency");
      assertThat(record.store().head().seq()).isEqualTo(head);
      HttpResponse<String> paid = http.post("/api/compensation", json, """
          {"by": "RUS", "paid": {"value": 76000000000, "currency": "USD"}, "assessed": {"value": 152000000000, "currency": "USD"},
           "source": "RDNA3"}""", Tokens.bearer(tokens.secretariat()));
      assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
      assertThat(last(record, "party-RUS").payload()).contains("RDNA3", "76000000000");

      // Nobody certifies the end of its own aggression: only the secretariat records it. A membership is the party's own.
      head = record.store().head().seq();
      HttpResponse<String> byDesk = http.post("/api/parties/RUS/status", json, "{\"status\": \"aggression-ended\"}", Tokens.bearer(tokens.ukr()));
      assertThat(byDesk.statusCode()).isEqualTo(403);
      assertThat(record.store().head().seq()).isEqualTo(head);
      assertThat(http.post("/api/parties/UKR/status", json, "{\"status\": \"nato-member\", \"value\": false}", Tokens.bearer(tokens.ukr()))
          .statusCode()).isEqualTo(200);
      assertThat(last(record, "party-UKR").payload()).contains("\"value\":false");

      // Ukraine reports its forces; a negative figure is refused.
      assertThat(http.post("/api/acts", json, "{\"by\": \"UKR\", \"act\": \"exceed-force-cap\", \"quantity\": -5}", Tokens.bearer(tokens.ukr()))
          .statusCode()).isEqualTo(400);
      HttpResponse<String> act = http.post("/api/acts", json,
          "{\"by\": \"UKR\", \"act\": \"exceed-force-cap\", \"quantity\": 80000, \"detail\": \"peacetime strength\"}", Tokens.bearer(tokens.ukr()));
      assertThat(act.statusCode()).as(act.body()).isEqualTo(200);
      assertThat(act.body()).contains("\"type\":\"act-reported\"");
    }
  }

  private static StoredEvent last(RecordService record, String stream) {
    return record.store().readStream(stream).getLast();
  }
}
