package dev.compact.log;

import dev.compact.service.RecordService;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires the transparency log and issues a checkpoint at least every {@code compact.log.checkpoint-interval}. */
@Configuration
@EnableConfigurationProperties(LogSettings.class)
public class LogConfiguration {

  @Bean
  TransparencyLog transparencyLog(RecordService record, LogSettings settings, Clock clock) {
    return TransparencyLog.of(record, settings, clock);
  }

  /** Submits each checkpoint to the witnesses that run a C2SP tlog-witness server, after each append and on the timer. */
  @Bean(destroyMethod = "close")
  WitnessPush witnessPush(TransparencyLog log, LogSettings settings, RecordService record, Clock clock) {
    WitnessPush push = new WitnessPush(log, settings.witnessUrls().stream().map(WitnessPush.Target::parse).toList(), clock);
    // Registered after the log's own listener, which issues the checkpoint this one submits.
    record.onChanges(changes -> push.submitSoon());
    push.submitSoon();
    return push;
  }

  @Bean
  CheckpointTimer checkpointTimer(TransparencyLog log, WitnessPush push) {
    return new CheckpointTimer(log, push);
  }

  /** Catches appends another instance made, any checkpoint an append failed to issue, and witnesses that were down. */
  public static final class CheckpointTimer {
    private final TransparencyLog log;
    private final WitnessPush push;

    CheckpointTimer(TransparencyLog log, WitnessPush push) {
      this.log = log;
      this.push = push;
    }

    @Scheduled(fixedDelayString = "${compact.log.checkpoint-interval:PT10S}", initialDelayString = "${compact.log.checkpoint-interval:PT10S}")
    public void issue() {
      log.issueQuietly();
      push.submitSoon();
    }
  }
}
