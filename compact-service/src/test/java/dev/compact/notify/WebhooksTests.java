package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhooksTests {

  @Test
  void aSubscriptionShowsOnlyWhereItSendsNeverItsPathQueryOrSecret() {
    Webhooks.Subscription subscription = new Webhooks.Subscription("USA", "https://hooks.example:8443/T0/B0/tok-123?key=k-456", "whsec-789");

    assertThat(subscription.origin()).isEqualTo("https://hooks.example:8443");
    assertThat(subscription.toString()).contains("USA", "https://hooks.example:8443").doesNotContain("tok-123", "k-456", "whsec-789");
    assertThat(new Webhooks.Subscription("*", "http://receiver.example/hook", "s").origin()).isEqualTo("http://receiver.example");
  }
}
