package dev.compact.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Retry-After was a wait cut down to whole seconds (59.9 s said 59: a client that waited as told was refused again) or
 * a fixed 1 whatever the limit (a write rate under one per second still refused a second later). It is rounded up.
 */
class RetryAfterTests {

  @ParameterizedTest
  @CsvSource({
      "PT0S, 1", "PT-5S, 1", "PT0.000000001S, 1", "PT0.999S, 1", "PT1S, 1",
      "PT1.000000001S, 2", "PT1.5S, 2", "PT2S, 2", "PT59.001S, 60", "PT59.999999999S, 60", "PT60S, 60", "PT60.001S, 61", "PT15M, 900",
  })
  void roundsAWaitUpToAWholeSecondAndNeverBelowOne(Duration wait, long seconds) {
    assertThat(RetryAfter.seconds(wait)).isEqualTo(seconds);
    assertThat(RetryAfter.header(wait)).isEqualTo(Long.toString(seconds));
  }
}
