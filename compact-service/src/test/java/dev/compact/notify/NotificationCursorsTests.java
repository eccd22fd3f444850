package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.Clearance;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stream's ids and the webhooks' backoff, without a server. */
class NotificationCursorsTests {

  @Test
  void anEventIdNamesAClearanceAndAPositionAndNothingElseParses() {
    assertThat(Outbox.Cursor.parse("p12")).contains(new Outbox.Cursor(Clearance.PUBLIC, 12));
    assertThat(Outbox.Cursor.parse("r0")).contains(new Outbox.Cursor(Clearance.RESTRICTED, 0));
    assertThat(Outbox.Cursor.parse("s57")).contains(new Outbox.Cursor(Clearance.SECRET, 57));
    assertThat(new Outbox.Cursor(Clearance.RESTRICTED, 40)).hasToString("r40");
    for (String bad : new String[] {"", "p", "12", "x12", "p-1", "P12", "p12 ", "p1x", "p1234567890123456789", null}) {
      assertThat(Outbox.Cursor.parse(bad)).as(String.valueOf(bad)).isEqualTo(Optional.empty());
    }
  }

  @Test
  void anEntryIsNumberedOnlyForTheClearancesThatSeeIt() {
    Outbox.Entry restricted = new Outbox.Entry(9, Optional.empty(), Optional.of(4L), "restricted", "GBR", "{}");
    assertThat(restricted.visibleTo(Clearance.PUBLIC)).isFalse();
    assertThat(restricted.visibleTo(Clearance.RESTRICTED)).isTrue();
    assertThat(restricted.cursor(Clearance.RESTRICTED)).hasToString("r4");
    assertThat(restricted.cursor(Clearance.SECRET)).hasToString("s9");
  }

  @Test
  void retriesDoubleFromTheFirstDelayUpToTheLongest() {
    Webhooks.Retries retries = new Webhooks.Retries(15, Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMinutes(1));
    assertThat(retries.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(retries.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(retries.delayAfter(12)).isEqualTo(Duration.ofSeconds(2048));
    assertThat(retries.delayAfter(13)).isEqualTo(Duration.ofHours(1));
    assertThat(retries.delayAfter(1_000)).isEqualTo(Duration.ofHours(1));
    Duration total = Duration.ZERO;
    for (int attempt = 1; attempt < retries.attempts(); attempt++) {
      total = total.plus(retries.delayAfter(attempt));
    }
    // What docs/service.md says of the defaults: about three hours from the first attempt to the last.
    assertThat(total).isBetween(Duration.ofHours(3), Duration.ofHours(3).plusMinutes(15));
  }
}
