package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Review 6: a NUL character in a text field was a 400 on PostgreSQL (which cannot store it, since 65bac12) and recorded
 * on SQLite. The API now has one rule of its own on both: a string may hold tab, line feed and carriage return and no
 * other C0 control character; the 400 names the field by its JSON path, and nothing is recorded.
 */
class ControlCharactersIntegrationTests {
  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aControlCharacterInAnyTextFieldIsA400NamingTheFieldAndRecordsNothing(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      assertThat(http.post("/api/incidents", "application/json", """
          {"id": "nul-1", "kind": "armed-attack", "place": "UA-63", "severity": 4, "reportedBy": "UKR", "attacker": "RUS"}""",
          Tokens.bearer(tokens.ukr())).statusCode()).isEqualTo(201);
      long head = record.store().head().seq();

      HttpResponse<String> nul = http.post("/api/incidents/nul-1/reject", "application/json", "{\"by\": \"UKR\", \"reason\": \"a\\u0000b\"}",
          Tokens.bearer(tokens.secretariat()));
      HttpResponse<String> bell = http.post("/api/incidents", "application/json", """
          {"id": "bell-1", "kind": "armed-attack", "place": "UA-63", "severity": 4, "reportedBy": "UKR", "attacker": "RUS",
           "evidence": [{"outlet": "Reuters", "link": "https://example.org/k", "quotation": "Mi\\u0007ssiles"}]}""",
          Tokens.bearer(tokens.ukr()));
      HttpResponse<String> text = http.post("/api/agreements/check", "text/markdown", "---\nid: x\u0000\n---\n", Tokens.bearer(tokens.secretariat()));

      assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
      assertThat(nul.body()).contains("'reason' holds the control character U+0000 at character 2", "nothing was recorded",
          "bad-request");
      assertThat(bell.statusCode()).as(bell.body()).isEqualTo(400);
      assertThat(bell.body()).contains("'evidence[0].quotation' holds the control character U+0007 at character 3");
      assertThat(text.statusCode()).as(text.body()).isEqualTo(400);
      assertThat(text.body()).contains("the body holds the control character U+0000");
      assertThat(record.store().head().seq()).as("nothing recorded").isEqualTo(head);

      HttpResponse<String> lines = http.post("/api/incidents/nul-1/reject", "application/json",
          "{\"by\": \"UKR\", \"reason\": \"first line\\n\\tsecond\\r\\n\"}", Tokens.bearer(tokens.secretariat()));
      assertThat(lines.statusCode()).as("tab, line feed and carriage return are text: " + lines.body()).isEqualTo(200);
    }
  }

  /** Review7 M2: the watchlist upload reads its body itself (JSON tree or CSV), and stored a NUL on SQLite. */
  @ParameterizedTest
  @MethodSource("kinds")
  void aControlCharacterInAWatchlistUploadIsRefusedNamingTheRowAndStoresNothing(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      dev.compact.access.Accounts accounts = context.getBean(dev.compact.access.Accounts.class);
      accounts.add("bank-nul", List.of("compliance"));
      String[] bank = Tokens.bearer(accounts.issue("bank-nul", java.time.Duration.ofDays(1)).token());

      HttpResponse<String> json = http.post("/api/watchlist", "application/json",
          "[{\"id\": \"c0\", \"name\": \"Olga Ivanova\"}, {\"id\": \"c1\", \"name\": \"Ivan\\u0000 Petrov\"}]", bank);
      HttpResponse<String> csv = http.post("/api/watchlist", "text/csv", "id,name\r\nc2,Olga\u0007 Ivanova\r\n", bank);

      assertThat(json.statusCode()).as(json.body()).isBetween(400, 499);
      assertThat(json.body()).contains("'[1].name' holds the control character U+0000 at character 5", "nothing was stored");
      assertThat(csv.statusCode()).as(csv.body()).isBetween(400, 499);
      assertThat(csv.body()).contains("row 1, column 'name', holds the control character U+0007 at character 5");
      assertThat(http.get("/api/watchlist", bank).body()).as("nothing stored").contains("\"counterparties\":0");
    }
  }
}
