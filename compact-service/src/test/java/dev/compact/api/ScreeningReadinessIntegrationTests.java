package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.screeningservice.ScreeningService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The readiness probe stays out of service until the screening index is built and the matcher warm. */
class ScreeningReadinessIntegrationTests {

  @Test
  void readinessWaitsForTheIndexAndTheWarmUpWhileLivenessDoesNot() throws Exception {
    ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.screening.preload=true");
    try {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
      CompletableFuture<Void> warm = context.getBean(ScreeningService.class).whenWarm();
      List<Integer> seen = new ArrayList<>();
      while (true) {
        boolean warmBefore = warm.isDone();
        HttpResponse<String> readiness = http.get("/actuator/health/readiness");
        seen.add(readiness.statusCode());
        if (readiness.statusCode() == 503) {
          // Never out of service once the warm-up has ended.
          assertThat(warmBefore).as(readiness.body()).isFalse();
          assertThat(readiness.body()).contains("OUT_OF_SERVICE");
          assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } else {
          assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
          // Never ready before the warm-up has ended.
          assertThat(warm.isDone()).isTrue();
          break;
        }
        Thread.sleep(20);
      }
      // Building the index takes seconds: the first probe, sent as soon as the service was up, found it not ready.
      assertThat(seen.getFirst()).isEqualTo(503);
      assertThat(http.get("/actuator/health").body()).contains("\"status\":\"UP\"");
    } finally {
      context.close();
    }
  }

  @Test
  void withoutPreloadingThereIsNothingToWaitFor() throws Exception {
    ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.screening.preload=false");
    try {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));

      assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    } finally {
      context.close();
    }
  }
}
