package dev.compact.service;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this instance runs: its database and its compact folder. Set from {@code ./compact serve}
 * options or {@code compact.*} properties.
 */
@ConfigurationProperties(prefix = "compact")
public record ServiceSettings(String db, Path compactDir, java.util.List<dev.compact.notify.Webhooks.Subscription> webhooks) {
  public ServiceSettings {
    webhooks = webhooks == null ? java.util.List.of() : java.util.List.copyOf(webhooks);
    if (db == null || db.isBlank()) {
      db = "compact-data/compact.db";
    }
    if (compactDir == null) {
      compactDir = Path.of("examples/kyiv-compact");
    }
  }

  /** Without the database password or the webhooks' secrets, should the settings ever be printed. */
  @Override
  public String toString() {
    return "ServiceSettings[db=" + dev.compact.store.Database.redacted(db) + ", compactDir=" + compactDir + ", webhooks=" + webhooks + "]";
  }
}
