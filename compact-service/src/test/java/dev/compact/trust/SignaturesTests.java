package dev.compact.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class SignaturesTests {
  static final String HASH = "8af8e1d71d204822ed70ea11ea35d987aa0b1b3555870e3806e0776eb068b60d";
  final KeyPair gbr = Signatures.generate();
  final KeyPair deu = Signatures.generate();

  @Test
  void signatureVerifiesWithTheSignersKey() {
    String signature = Signatures.sign(gbr.getPrivate(), "gbr-ukr-2024", "GBR", HASH);

    assertThat(Signatures.verify(gbr.getPublic(), "gbr-ukr-2024", "GBR", HASH, signature)).isTrue();
  }

  @Test
  void signatureWithOnePartysKeyFailsAsAnothers() {
    String signature = Signatures.sign(gbr.getPrivate(), "gbr-ukr-2024", "GBR", HASH);

    assertThat(Signatures.verify(deu.getPublic(), "gbr-ukr-2024", "GBR", HASH, signature)).isFalse();
    assertThat(Signatures.verify(gbr.getPublic(), "gbr-ukr-2024", "DEU", HASH, signature)).isFalse();
  }

  @Test
  void signatureOverAnAlteredAgreementFails() {
    String signature = Signatures.sign(gbr.getPrivate(), "gbr-ukr-2024", "GBR", HASH);
    String altered = "0" + HASH.substring(1);

    assertThat(Signatures.verify(gbr.getPublic(), "gbr-ukr-2024", "GBR", altered, signature)).isFalse();
    assertThat(Signatures.verify(gbr.getPublic(), "deu-ukr-2024", "GBR", HASH, signature)).isFalse();
  }

  @Test
  void keysSurviveTheirPemForm() {
    String signature = Signatures.sign(Signatures.privateKey(Signatures.privatePem(gbr.getPrivate())), "a", "GBR", HASH);

    assertThat(Signatures.verify(Signatures.publicKey(Signatures.publicPem(gbr.getPublic())), "a", "GBR", HASH, signature)).isTrue();
  }

  @Test
  void garbageSignatureIsFalseNotAnError() {
    assertThat(Signatures.verify(gbr.getPublic(), "a", "GBR", HASH, "not base64!")).isFalse();
    assertThat(Signatures.verify(gbr.getPublic(), "a", "GBR", HASH, "AAAA")).isFalse();
  }
}
