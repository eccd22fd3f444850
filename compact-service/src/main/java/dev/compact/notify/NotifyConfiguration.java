package dev.compact.notify;

import dev.compact.service.RecordService;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the webhooks over the record. */
@Configuration
@EnableConfigurationProperties(WebhookSettings.class)
class NotifyConfiguration {

  /** Signed webhooks per party, configured as compact.webhooks[i].party/url/secret, delivered from the database (docs/service.md). */
  @Bean(destroyMethod = "close")
  Webhooks webhooks(RecordService record, WebhookSettings settings, Clock clock, @Value("${compact.webhook-attempts:15}") int attempts,
      @Value("${compact.webhook-first-delay:PT1S}") Duration firstDelay, @Value("${compact.webhook-max-delay:PT1H}") Duration maxDelay,
      @Value("${compact.webhook-poll:PT1S}") Duration poll, @Value("${compact.webhook-lease:PT1M}") Duration lease,
      @Value("${compact.outbox-retention:P7D}") Duration retention, @Value("${compact.demonstration:false}") boolean demonstration) {
    return new Webhooks(record, settings.webhooks(), clock, Clock.systemUTC(), new Webhooks.Retries(attempts, firstDelay, maxDelay, poll, lease),
        retention, demonstration);
  }
}
