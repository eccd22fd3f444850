package dev.compact.service;

import dev.compact.engine.Engine;
import dev.compact.store.Database;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires the record: one clock, one database, one engine for the served compact. */
@Configuration
@EnableScheduling
public class ServiceConfiguration {

  /** The service's only clock. A test clock starts at the given instant (default: now) and moves on request. */
  @Bean
  Clock clock(@Value("${compact.test-clock:false}") boolean testClock, @Value("${compact.test-clock-start:}") String start) {
    if (testClock) {
      return new TestClock(start.isBlank() ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : Instant.parse(start));
    }
    return Clock.systemUTC();
  }

  /** Each account's write rate, counted in the database so that every instance over it shares one bucket per account. */
  @Bean
  dev.compact.access.WriteRate writeRate(@Value("${compact.write-rate:20}") double perSecond, @Value("${compact.write-burst:100}") double burst,
      RecordService record) {
    return new dev.compact.access.WriteRate(perSecond, burst, record.database(), Clock.systemUTC());
  }

  @Bean
  dev.compact.access.Accounts accounts(RecordService record, Clock clock) {
    // The sign-in throttle counts real time, as the write rate does: the service's clock may be a test clock.
    return new dev.compact.access.Accounts(record.database(), clock, Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  RecordService recordService(ServiceSettings settings, CompactCatalog catalog, Clock clock,
      @Value("${compact.log.accept-unlogged-events:false}") boolean acceptUnlogged) {
    RecordService record = new RecordService(Database.open(settings.db()), Engine.of(catalog.fullCompact()), clock, acceptUnlogged);
    try {
      // The folder's texts decide every state: a new record is created with them as its first event, and a
      // start with texts the log has not recorded records them, publicly.
      AppliedTexts.report(record.created().orElseGet(() -> record.registrations().recordAppliedTexts("service")),
          settings.compactDir().toString());
    } catch (RuntimeException e) {
      record.close();
      throw e;
    }
    return record;
  }

  /** The one write path for requests, from the API and the dashboard's forms. */
  @Bean
  CommandHandler commandHandler(RecordService record) {
    return new CommandHandler(record);
  }

  /** Lets deadlines pass on their own: every few seconds, time moves to the clock's now. */
  @Bean
  DeadlineTicker deadlineTicker(RecordService record, Clock clock) {
    return new DeadlineTicker(record, clock);
  }

  /** Ticks on a fixed delay; a failure is logged and the next tick tries again. */
  public static final class DeadlineTicker {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeadlineTicker.class);
    private final RecordService record;
    private final Clock clock;

    DeadlineTicker(RecordService record, Clock clock) {
      this.record = record;
      this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${compact.tick-interval:PT5S}", initialDelayString = "${compact.tick-interval:PT5S}")
    public void tick() {
      try {
        if (record.tick(clock.instant())) {
          LOG.info("time advanced to {}: deadlines that passed were recorded", clock.instant());
        }
      } catch (RuntimeException e) {
        LOG.warn("deadline tick failed, will retry: {}", e.toString());
      }
    }
  }
}
