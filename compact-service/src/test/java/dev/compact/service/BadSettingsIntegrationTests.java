package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.ServiceApplication;
import dev.compact.store.TestDatabases;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A service started with a setting it refuses says which and why in a few lines, as `compact serve`
 * shows them, without the dozens of lines of a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadSettingsIntegrationTests {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      --compact.write-rate=0         | compact.write-rate must be above 0
      --compact.stream-poll=banana   | the value 'banana' is not a Duration
      """)
  void aRefusedSettingIsReportedInAFewLinesWithoutAStackTrace(String setting, String says, CapturedOutput output) {
    assertThatThrownBy(() -> ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl("sqlite"),
        "--compact.compact-dir=" + dev.compact.Examples.compact("kyiv-compact"), setting).close())
        .isInstanceOf(RuntimeException.class);

    String log = output.getAll();
    assertThat(log).contains("APPLICATION FAILED TO START", says, "docs/service.md lists every setting");
    assertThat(log).doesNotContain("\tat org.springframework", "Application run failed");
  }
}
