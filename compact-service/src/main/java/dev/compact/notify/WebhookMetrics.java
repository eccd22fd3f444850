package dev.compact.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Webhook deliveries by state, as {@code compact_webhook_deliveries{state=...}} in the metrics: a
 * growing {@code failed} count is what an operator alerts on, since nothing sends those again.
 */
@Component
class WebhookMetrics implements MeterBinder {
  private final Webhooks webhooks;

  WebhookMetrics(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String state : List.of("pending", "delivered", "failed")) {
      Gauge.builder("compact.webhook.deliveries", webhooks, w -> w.count(state))
          .tag("state", state)
          .description("Webhook deliveries in the database, of every instance, by state")
          .register(registry);
    }
  }
}
