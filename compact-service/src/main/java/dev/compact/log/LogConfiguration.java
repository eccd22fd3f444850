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

  @Bean
  CheckpointTimer checkpointTimer(TransparencyLog log) {
    return new CheckpointTimer(log);
  }

  /** Catches appends another instance made, and any checkpoint an append failed to issue. */
  public static final class CheckpointTimer {
    private final TransparencyLog log;

    CheckpointTimer(TransparencyLog log) {
      this.log = log;
    }

    @Scheduled(fixedDelayString = "${compact.log.checkpoint-interval:PT10S}", initialDelayString = "${compact.log.checkpoint-interval:PT10S}")
    public void issue() {
      log.issueQuietly();
    }
  }
}
