package dev.compact.log;

import dev.compact.service.RecordService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code transparencyLog} health contributor: DOWN, with the reason, while the log refuses to
 * sign because the record no longer extends the latest checkpoint it signed (events cut back or
 * rewritten in the database). The service then takes no writes ({@link TransparencyLog#refusal}), and
 * a monitor should see it as the alarm it is rather than a healthy service.
 */
@Component
class TransparencyLogHealthIndicator implements HealthIndicator {
  private final TransparencyLog log;
  private final RecordService record;

  TransparencyLogHealthIndicator(TransparencyLog log, RecordService record) {
    this.log = log;
    this.record = record;
  }

  @Override
  public Health health() {
    return log.refusal(record.store().head().seq())
        .map(reason -> Health.down().withDetail("signing", "refused: " + reason + "; nothing is written until it is resolved (compact verify"
            + " --trust KEYS names where, docs/transparency.md)").build())
        .orElseGet(() -> Health.up().withDetail("signing", "signs what the record holds").build());
  }
}
