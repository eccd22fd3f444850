package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A name that is not a string is refused with a problem naming it, on both screening APIs. Before
 * this, /match screened 5 or [5] and answered no hit (200), and /api/screen screened 5 as the name
 * "5": a client's mistake read as a clean result (audit item 8).
 */
class NonStringNamesIntegrationTests {

  @Test
  void aNameThatIsNotAStringIsRefusedRatherThanScreenedAsNoHit() {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);

      for (String name : new String[] {"5", "[5]", "true", "{\"first\": \"Kassem\"}"}) {
        HttpResponse<String> match = http.post("/match/default", "application/json",
            "{\"queries\": {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": " + name + "}}}}");
        assertThat(match.statusCode()).as(name + ": " + match.body()).isEqualTo(422);
        assertThat(match.body()).contains("'name' holds strings");
      }
      assertThat(http.post("/match/default", "application/json",
          "{\"queries\": {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"Kassem Chams\"], \"birthDate\": 1965}}}}").body())
          .contains("'birthDate' holds strings (one, or a list of them), not a number");
      assertThat(http.post("/match/default", "application/json",
          "{\"queries\": {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": \"Kassem Chams\"}}}}").statusCode()).isEqualTo(200);

      for (String name : new String[] {"5", "[\"Kassem Chams\"]", "false"}) {
        HttpResponse<String> screen = http.post("/api/screen", "application/json", "{\"name\": " + name + "}");
        assertThat(screen.statusCode()).as(name + ": " + screen.body()).isEqualTo(400);
        assertThat(screen.body()).contains("https://compact.dev/problems/bad-request", "'name' must be a string");
      }
      assertThat(http.post("/api/screen", "application/json", "{\"name\": \"Kassem Chams\"}").statusCode()).isEqualTo(200);
      assertThat(http.post("/api/screen/batch", "application/json", "[{\"name\": 5}, {\"name\": \"Kassem Chams\"}]").body())
          .contains("'name' must be a string");
    }
  }
}
