package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances over one database enforce one account's write rate together: a client that spreads
 * its writes over both gets the burst once, not twice.
 */
class WriteRateAcrossInstancesIntegrationTests {
  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  static ConfigurableApplicationContext start(String db) {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + db, "--compact.compact-dir=" + Http.example("kyiv-compact"),
        "--compact.write-rate=0.001", "--compact.write-burst=4", "--compact.tick-interval=PT1H");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anAccountSpreadingWritesOverTwoInstancesGetsTheBurstOnce(String kind) {
    String db = TestDatabases.freshUrl(kind);
    try (ConfigurableApplicationContext a = start(db); ConfigurableApplicationContext b = start(db)) {
      List<Http> instances = List.of(RecordApiIntegrationTests.http(a), RecordApiIntegrationTests.http(b));
      String[] ua = Tokens.bearer(Tokens.create(a).ukr());

      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        HttpResponse<String> response = instances.get(i % 2).post("/api/incidents", "application/json",
            "{\"id\": \"r" + i + "\", \"kind\": \"drone-strike\", \"place\": \"UA-30\", \"severity\": 2, \"reportedBy\": \"UKR\"}", ua);
        statuses.add(response.statusCode());
      }

      // Counted per instance, each would have let 4 through: 8 in all.
      assertThat(statuses).containsExactly(201, 201, 201, 201, 429, 429, 429, 429);
      assertThat(instances.get(1).get("/api/incidents").body()).contains("\"r3\"").doesNotContain("\"r4\"", "\"r7\"");
    }
  }
}
