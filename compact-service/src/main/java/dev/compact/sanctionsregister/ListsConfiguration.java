package dev.compact.sanctionsregister;

import dev.compact.screeningservice.ScreeningService;
import dev.compact.service.RecordService;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The list versions and their indexes as beans of the service. */
@Configuration
class ListsConfiguration {

  @Bean
  ListVersions listVersions(RecordService record) {
    return new ListVersions(record);
  }

  @Bean
  ListIndexes listIndexes(ListVersions versions, ScreeningService screening, Clock clock) {
    return new ListIndexes(versions, screening, clock);
  }

  /** Picks up, on the service's tick, a list version whose in-force date the service clock has reached. */
  @Bean
  InForceTicker listsInForceTicker(ListIndexes indexes) {
    return new InForceTicker(indexes);
  }

  /**
   * Ticks with the deadlines' interval; a failure is logged in one line and the next tick tries again. Reading which
   * versions are in force could fail out of the tick (a database out of reach, an event it cannot read), and the
   * scheduler then logged a stack trace at every tick.
   */
  static final class InForceTicker {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InForceTicker.class);
    private final ListIndexes indexes;

    InForceTicker(ListIndexes indexes) {
      this.indexes = indexes;
    }

    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${compact.tick-interval:PT5S}",
        initialDelayString = "${compact.tick-interval:PT5S}")
    public void tick() {
      try {
        indexes.refreshIfDue();
      } catch (dev.compact.service.UnreadableEvent e) {
        // It stays unreadable until an operator acts: said once, not at every tick.
        if (e.firstReport()) {
          LOG.error("{}; the list versions in force are not followed until it is fixed. {}", e.getMessage(),
              dev.compact.service.UnreadableEvent.WHAT_TO_DO);
        }
      } catch (RuntimeException e) {
        LOG.warn("reading which list versions are in force failed, will retry: {}", e.toString());
      }
    }
  }

  /** Warms the index for the versions in force as soon as the service is ready, in the background. */
  @EventListener(ApplicationReadyEvent.class)
  void warm(ApplicationReadyEvent ready) {
    ListIndexes indexes = ready.getApplicationContext().getBean(ListIndexes.class);
    Thread.ofPlatform().name("list-index").daemon().start(indexes::refresh);
  }
}
