package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.access.WriteRate;
import dev.compact.service.RecordService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class HardeningIntegrationTests {

  /**
   * The write rate on a wall clock that stands still: what Retry-After says is then the bucket's figure exactly, however
   * long the test's sign-ins and posts take on a loaded machine (it was asserted against the real wall, within 100 s).
   */
  @Configuration(proxyBeanMethods = false)
  static class StillWall {
    static final Clock WALL = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @Bean
    WriteRate writeRate(RecordService record) {
      return new WriteRate(0.001, 3, record.database(), WALL);
    }
  }

  @Test
  void writesBeyondTheRateAreRefusedWith429AndHeadersProtectBrowsers() throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + Http.example("kyiv-compact"),
        "--spring.main.sources=" + StillWall.class.getName(), "--spring.main.allow-bean-definition-overriding=true")) {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
      String[] ua = Tokens.bearer(Tokens.create(context).ukr());

      int accepted = 0;
      HttpResponse<String> last = null;
      for (int i = 0; i < 5; i++) {
        last = http.post("/api/incidents", "application/json",
            "{\"id\": \"r" + i + "\", \"kind\": \"drone-strike\", \"place\": \"UA-30\", \"severity\": 2, \"reportedBy\": \"UKR\"}", ua);
        if (last.statusCode() == 201) {
          accepted++;
        }
      }

      assertThat(accepted).isEqualTo(3);
      assertThat(last.statusCode()).isEqualTo(429);
      // At one write in 1,000 s, on a wall that stands still, the bucket holds the next one 1,000 s on (it said 1 before).
      assertThat(last.headers().firstValue("Retry-After")).contains("1000");
      assertThat(last.body()).contains("this account writes faster than 0.001 per second; nothing was recorded, retry in 1000 seconds");
      assertThat(http.get("/api/incidents").body()).doesNotContain("\"r3\"", "\"r4\"");
      // Dashboard forms draw on the same rate: a desk signed in with a session cannot write faster.
      var accounts = context.getBean(dev.compact.access.Accounts.class);
      accounts.add("ua-forms", java.util.List.of("protected:UKR"));
      String[] session = http.signIn(accounts.issue("ua-forms", java.time.Duration.ofDays(1)).token());
      java.util.List<Integer> statuses = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        statuses.add(http.form("/incidents",
            "id=f" + i + "&kind=drone-strike&place=UA-30&severity=2&reportedBy=UKR", session).statusCode());
      }
      assertThat(statuses).as("form posts").containsExactly(302, 302, 302, 429, 429);
      HttpResponse<String> refusedForm = http.form("/incidents", "id=f5&kind=drone-strike&place=UA-30&severity=2&reportedBy=UKR", session);
      assertThat(refusedForm.statusCode()).isEqualTo(429);
      assertThat(refusedForm.headers().firstValue("Retry-After")).contains("1000");
      assertThat(refusedForm.body()).contains("ua-forms writes faster than 0.001 per second; nothing was recorded, retry in 1000 seconds");
      assertThat(http.get("/api/incidents").body()).contains("\"f2\"").doesNotContain("\"f3\"", "\"f4\"");
      HttpResponse<String> page = http.get("/api/compact");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    }
  }

  /** Spring matches handlers on the decoded path without ;parameters; the token check must see the same path. */
  @Test
  void encodedOrParameterisedPathsDoNotSkipTheTokenCheck() throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + Http.example("kyiv-compact"))) {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
      var store = context.getBean(dev.compact.service.RecordService.class).store();
      long head = store.head().seq();
      String incident = "{\"id\": \"sneaky\", \"kind\": \"drone-strike\", \"place\": \"UA-30\", \"severity\": 2, \"reportedBy\": \"UKR\"}";

      for (String path : new String[] {"/%61pi/incidents", "/api;x=1/incidents", "/api/incidents;x=1", "/%2561pi/incidents"}) {
        HttpResponse<String> response = http.post(path, "application/json", incident);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isIn(400, 401, 404);
      }
      assertThat(store.head().seq()).isEqualTo(head);
    }
  }

  /**
   * Issue #14: idempotency keys were global, so one account's key refused another's request (422),
   * and on PostgreSQL a key longer than its column gave 500.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("dev.compact.store.TestDatabases#kinds")
  void idempotencyKeysAreScopedPerAccountAndBounded(String kind) {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + dev.compact.store.TestDatabases.freshUrl(kind), "--compact.compact-dir=" + Http.example("kyiv-compact"))) {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
      Tokens tokens = Tokens.create(context);
      String delivery = "{\"guarantor\": \"%s\", \"category\": \"military\", \"value\": {\"value\": 5, \"currency\": \"EUR\"}}";

      HttpResponse<String> uk = http.post("/api/deliveries", "application/json", delivery.formatted("GBR"), "Idempotency-Key", "batch-1",
          "Authorization", "Bearer " + tokens.gbr());
      HttpResponse<String> de = http.post("/api/deliveries", "application/json", delivery.formatted("DEU"), "Idempotency-Key", "batch-1",
          "Authorization", "Bearer " + tokens.deu());
      HttpResponse<String> ukAgain = http.post("/api/deliveries", "application/json", delivery.formatted("GBR"), "Idempotency-Key", "batch-1",
          "Authorization", "Bearer " + tokens.gbr());

      assertThat(uk.statusCode()).as(uk.body()).isEqualTo(201);
      assertThat(de.statusCode()).as(de.body()).isEqualTo(201);
      assertThat(ukAgain.body()).isEqualTo(uk.body());
      assertThat(http.get("/api/support").body()).contains("\"DEU\"", "\"GBR\"");
      long head = context.getBean(dev.compact.service.RecordService.class).store().head().seq();
      HttpResponse<String> tooLong = http.post("/api/deliveries", "application/json", delivery.formatted("GBR"), "Idempotency-Key",
          "k".repeat(201), "Authorization", "Bearer " + tokens.gbr());
      assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
      assertThat(tooLong.body()).contains("Idempotency-Key");
      assertThat(context.getBean(dev.compact.service.RecordService.class).store().head().seq()).isEqualTo(head);
      assertThat(http.post("/api/deliveries", "application/json", delivery.formatted("GBR"), "Idempotency-Key", "k".repeat(200),
          "Authorization", "Bearer " + tokens.gbr()).statusCode()).isEqualTo(201);
    }
  }

  /** Issue #14: money passed through double (12345678901234567.89 became ...68, 1E-400 zero) and 1E+400 gave 500. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("dev.compact.store.TestDatabases#kinds")
  void moneyIsExactEndToEndAndOutOfRangeAmountsAre400(String kind) {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + dev.compact.store.TestDatabases.freshUrl(kind), "--compact.compact-dir=" + Http.example("kyiv-compact"))) {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
      String[] gb = Tokens.bearer(Tokens.create(context).gbr());
      String delivery = "{\"guarantor\": \"GBR\", \"category\": \"military\", \"value\": {\"value\": %s, \"currency\": \"GBP\"}%s}";
      long head = context.getBean(dev.compact.service.RecordService.class).store().head().seq();

      for (String bad : new String[] {"1E-400", "1E+400", "1000000000000000000", "0.123456789", "-5", "0"}) {
        HttpResponse<String> refused = http.post("/api/deliveries", "application/json", delivery.formatted(bad, ""), gb);
        assertThat(refused.statusCode()).as(bad + ": " + refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("value.value");
      }
      HttpResponse<String> badRate = http.post("/api/deliveries", "application/json",
          delivery.formatted("5", ", \"rate\": 1E+400, \"rateCurrency\": \"EUR\""), gb);
      assertThat(badRate.statusCode()).as(badRate.body()).isEqualTo(400);
      assertThat(context.getBean(dev.compact.service.RecordService.class).store().head().seq()).isEqualTo(head);

      assertThat(http.post("/api/deliveries", "application/json", delivery.formatted("12345678901234567.89",
          ", \"rate\": 0.85000001, \"rateCurrency\": \"EUR\""), gb).statusCode()).isEqualTo(201);
      assertThat(http.post("/api/deliveries", "application/json", delivery.formatted("999999999999999999.99999999", ""), gb)
          .statusCode()).isEqualTo(201);
      assertThat(http.get("/api/support").body()).contains("\"amount\":\"12345678901234567.89\"", "0.85000001 EUR",
          "\"amount\":\"999999999999999999.99999999\"");
    }
  }
}
