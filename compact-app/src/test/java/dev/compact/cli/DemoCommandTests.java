package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTests {

  @Test
  void theDemoSignsItsHistoryWithAKeyAndNameOfItsOwn(@TempDir Path data) throws Exception {
    Path compact = Path.of(CliRun.example("kyiv-compact"));
    String[] arguments = DemoCommand.serviceArguments(0, data, compact, compact.resolve("demo/history.yaml"), false);

    String checkpoint;
    try (var context = ServiceApplication.start(arguments)) {
      checkpoint = get(context, "/api/log/checkpoint");
      // Its invented deliveries make breaches: every page says the record is a demonstration.
      assertThat(get(context, "/")).contains("Demonstration record.", "No breach or shortfall shown here is a finding");
      assertThat(get(context, "/obligations?state=breached")).contains("Demonstration record.");
    }

    // Not the default key beside compact.db, nor its name: a demo never signs as a deployment's log.
    assertThat(checkpoint).startsWith(DemoCommand.DEMO_ORIGIN + "\n").doesNotStartWith("compact.example/log\n");
    assertThat(data.resolve(DemoCommand.DEMO_LOG_KEY)).exists();
    assertThat(data.resolve("log.key")).doesNotExist();
  }

  @Test
  void aRecordServedWithoutTheDemoSaysNothingOfADemonstration(@TempDir Path data) throws Exception {
    try (var context = ServiceApplication.start("--server.port=0", "--compact.db=" + data.resolve("c.db"),
        "--compact.compact-dir=" + CliRun.example("kyiv-compact"), "--compact.log.key=" + data.resolve("log.key"))) {
      assertThat(get(context, "/")).contains("Record integrity").doesNotContain("Demonstration record");
    }
  }

  private static String get(org.springframework.context.ConfigurableApplicationContext context, String path) throws Exception {
    String port = context.getEnvironment().getProperty("local.server.port");
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
