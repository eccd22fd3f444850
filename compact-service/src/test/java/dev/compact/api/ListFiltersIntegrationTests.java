package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A list filter no row can match is refused by name, never answered with an empty list a client reads as "none". */
class ListFiltersIntegrationTests {

  @Test
  void aFilterValueNoRowCanHaveIsAFourHundredNamingTheAllowedValues() throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + Http.example("kyiv-compact"))) {
      Http http = RecordApiIntegrationTests.http(context);

      Map<String, String> refused = Map.of(
          "/api/obligations?state=breeched", "'state' must be one of",
          "/api/obligations?party=ZZZ", "'party': unknown party",
          "/api/norms?kind=bogus", "'kind' must be one of commitment, obligation, power, prohibition, measure",
          "/api/norms?state=bogus", "'state' must be one of",
          "/api/support?kind=bogus", "'kind' must be one of",
          "/api/support?guarantor=zz", "'guarantor': unknown party",
          // A misspelt year must not read as "no breaches".
          "/api/obligations?agreement=gbr-ukr-2025&state=breached", "'agreement': no agreement 'gbr-ukr-2025'",
          "/api/norms?agreement=nope", "'agreement': no agreement 'nope'");
      for (var entry : refused.entrySet()) {
        HttpResponse<String> response = http.get(entry.getKey());
        assertThat(response.statusCode()).as(entry.getKey() + ": " + response.body()).isEqualTo(400);
        assertThat(response.body()).as(entry.getKey()).contains(entry.getValue());
      }

      for (String accepted : new String[] {"/api/obligations?state=breached&party=GBR", "/api/norms?kind=measure", "/api/norms?kind=power",
          "/api/support?kind=delivery&guarantor=DEU", "/api/obligations?state=&party=",
          "/api/obligations?agreement=gbr-ukr-2024", "/api/obligations?agreement="}) {
        HttpResponse<String> response = http.get(accepted);
        assertThat(response.statusCode()).as(accepted + ": " + response.body()).isEqualTo(200);
      }
      // Blank is "not given", as in the dashboard's forms.
      assertThat(http.get("/api/obligations?state=&party=").body()).isEqualTo(http.get("/api/obligations").body());
    }
  }
}
