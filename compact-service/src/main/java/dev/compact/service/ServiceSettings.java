package dev.compact.service;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this instance runs: its database and its compact folder (the webhooks,
 * {@code compact.webhooks}, are bound in dev.compact.notify). Set from {@code ./compact serve}
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

  /** Without the database password, should the settings ever be printed. */
  @Override
  public String toString() {
    return "ServiceSettings[db=" + dev.compact.store.Database.redacted(db) + ", compactDir=" + compactDir + "]";
  }
}
