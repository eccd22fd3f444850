package dev.compact.log;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The transparency log's settings ({@code compact.log.*}): its origin (the first line of every
 * checkpoint and the name of its key), where its private key lives (never in the database), how
 * often a checkpoint is issued at the least, the witnesses ({@code PARTY=vkey}), how many of
 * them must cosign before a checkpoint counts as witnessed, and the witnesses that run a C2SP
 * tlog-witness server the service submits each checkpoint to ({@code PARTY=URL}, the submission prefix).
 */
@ConfigurationProperties(prefix = "compact.log")
public record LogSettings(String origin, Path key, Duration checkpointInterval, List<String> witnesses, Integer quorum,
    List<String> witnessUrls) {
  public LogSettings {
    origin = origin == null || origin.isBlank() ? "compact.example/log" : origin.strip();
    key = key == null ? Path.of("compact-data/log.key") : key;
    checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(10) : checkpointInterval;
    witnesses = witnesses == null ? List.of() : List.copyOf(witnesses);
    quorum = quorum == null ? 1 : quorum;
    witnessUrls = witnessUrls == null ? List.of() : List.copyOf(witnessUrls);
  }
}
