package dev.compact.notify;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The configured webhook subscriptions, {@code compact.webhooks[i].party/url/secret/account}. Kept
 * here rather than in the service's settings so that the application layer needs nothing of
 * notifications (ModularityTests); a subscription prints without its secret.
 */
@ConfigurationProperties(prefix = "compact")
public record WebhookSettings(List<Webhooks.Subscription> webhooks) {
  public WebhookSettings {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
  }
}
