package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhaseTimingsTests {
  /** A /proc/self/stat line whose command name holds a space and a parenthesis; the process started 3,385,000 ms after the boot (tick 338500). */
  private static final String STAT = "4242 (java (x) y) S 4200 4242 4200 0 -1 4194304 100 0 0 0 31 7 0 0 20 0 19 0 338500 1000 10 "
      + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

  @Test
  void theStartToMainSpanIsTheUptimeSinceTheProcessStartedLessTheTimeSinceMain() {
    // Uptime 3,386.27 s: 1,270 ms since the start, of which 900 ms since main.
    long millis = PhaseTimings.startToMainMillis(STAT, "3386.27 6700.00\n", 900_000_000L);

    assertThat(millis).isEqualTo(370);
  }

  @Test
  void theStartToMainSpanIsNeverNegative() {
    // Both clocks are counted in hundredths: just after the start, the time since main may exceed the coarse span.
    assertThat(PhaseTimings.startToMainMillis(STAT, "3385.00 6700.00", 5_000_000L)).isZero();
  }
}
