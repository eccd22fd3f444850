package dev.compact.notify;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the outbox to {@code compact.outbox-retention} (a week by default): every
 * {@code compact.outbox-prune-interval} it deletes the entries written before that, which every
 * instance's stream has long read. A reader that resumes from before what is left gets a reset
 * event ({@link TransitionHub#subscribe}). Any instance may prune; doing it twice deletes nothing more.
 */
@Component
class OutboxRetention {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRetention.class);
  private final Outbox outbox;
  private final Duration retention;
  private final Clock wall = Clock.systemUTC();

  OutboxRetention(Outbox outbox, @Value("${compact.outbox-retention:P7D}") Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("compact.outbox-retention must be a positive duration such as P7D");
    }
    this.outbox = outbox;
    this.retention = retention;
  }

  @Scheduled(fixedDelayString = "${compact.outbox-prune-interval:PT10M}", initialDelayString = "${compact.outbox-prune-interval:PT10M}")
  void prune() {
    try {
      int deleted = outbox.prune(wall.millis() - retention.toMillis());
      if (deleted > 0) {
        LOG.info("pruned {} outbox entries older than {}", deleted, retention);
      }
    } catch (RuntimeException e) {
      LOG.warn("pruning the outbox failed, will retry: {}", e.toString());
    }
  }
}
