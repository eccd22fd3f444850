package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which start-up failures are reported as a refused setting, without their stack trace. */
class BadSettingAnalyzerTests {

  @Test
  void aCheckNamingItsSettingIsReportedAsThatSetting() {
    var analysis = new BadSettingAnalyzer().analyze(
        new IllegalStateException("bean failed", new IllegalArgumentException("compact.write-rate must be above 0")));

    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription()).isEqualTo("compact.write-rate must be above 0");
  }

  @Test
  void anyOtherIllegalArgumentKeepsItsStackTrace() {
    // A fault of ours at start is not a setting: no advice about settings, and Spring logs the trace.
    assertThat(new BadSettingAnalyzer().analyze(new IllegalStateException("bean failed", new IllegalArgumentException("index 3 out of range"))))
        .isNull();
  }
}
