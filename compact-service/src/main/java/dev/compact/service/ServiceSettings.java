package dev.compact.service;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this instance runs: its database and its compact folder. Set from {@code ./compact serve}
 * options or {@code compact.*} properties.
 */
@ConfigurationProperties(prefix = "compact")
public record ServiceSettings(String db, Path compactDir) {
  public ServiceSettings {
    if (db == null || db.isBlank()) {
      db = "compact-data/compact.db";
    }
    if (compactDir == null) {
      compactDir = Path.of("examples/kyiv-compact");
    }
  }
}
