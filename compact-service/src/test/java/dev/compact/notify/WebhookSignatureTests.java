package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

  @Test
  void signatureVerifiesWithTheSameSecretAndBody() {
    String header = WebhookSignature.sign("s3cret", 1_760_000_000L, "{\"a\":1}");

    assertThat(header).matches("t=1760000000,v1=[0-9a-f]{64}");
    assertThat(WebhookSignature.verify("s3cret", header, "{\"a\":1}")).isTrue();
  }

  @Test
  void alteredBodyOrWrongSecretFails() {
    String header = WebhookSignature.sign("s3cret", 1_760_000_000L, "{\"a\":1}");

    assertThat(WebhookSignature.verify("s3cret", header, "{\"a\":2}")).isFalse();
    assertThat(WebhookSignature.verify("other", header, "{\"a\":1}")).isFalse();
    assertThat(WebhookSignature.verify("s3cret", header.replace("t=1760000000", "t=1760000001"), "{\"a\":1}")).isFalse();
  }
}
