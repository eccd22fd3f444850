package dev.compact.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHashTests {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void hashNamesItsAlgorithmIterationsAndSaltAndNeverHoldsThePassword() {
    String first = PasswordHash.hash("correct horse battery staple", RANDOM);
    String second = PasswordHash.hash("correct horse battery staple", RANDOM);

    assertThat(first).matches("pbkdf2-sha256:600000:[A-Za-z0-9+/]{22}:[A-Za-z0-9+/]{43}").doesNotContain("horse");
    assertThat(second).as("a new salt each time").isNotEqualTo(first);
    assertThat(PasswordHash.matches("correct horse battery staple", first)).isTrue();
    assertThat(PasswordHash.matches("correct horse battery staple", second)).isTrue();
    assertThat(PasswordHash.matches("correct horse battery stapl", first)).isFalse();
    assertThat(PasswordHash.matches("Correct horse battery staple", first)).isFalse();
  }

  @Test
  void passwordMatchesWhateverIterationCountItWasHashedWith() {
    String old = PasswordHash.hash("correct horse battery staple", RANDOM, 1_000);

    assertThat(old).startsWith("pbkdf2-sha256:1000:");
    assertThat(PasswordHash.matches("correct horse battery staple", old)).isTrue();
    assertThat(PasswordHash.outdated(old)).isTrue();
    assertThat(PasswordHash.outdated(PasswordHash.hash("correct horse battery staple", RANDOM))).isFalse();
  }

  @Test
  void composedAndDecomposedAccentsAreTheSamePassword() {
    String composed = "caf\u00e9 au lait, s'il vous pla\u00eet";
    String decomposed = "cafe\u0301 au lait, s'il vous plai\u0302t";

    assertThat(PasswordHash.matches(decomposed, PasswordHash.hash(composed, RANDOM, 1_000))).isTrue();
  }

  @Test
  void damagedOrForeignHashesMatchNothing() {
    assertThat(PasswordHash.matches("", "")).isFalse();
    assertThat(PasswordHash.matches("anything at all", "bcrypt:10:abc:def")).isFalse();
    assertThat(PasswordHash.matches("anything at all", "pbkdf2-sha256:not-a-number:AAAA:AAAA")).isFalse();
    assertThat(PasswordHash.matches("anything at all", "pbkdf2-sha256:2000000000:AAAA:AAAA")).as("absurd iteration count").isFalse();
    assertThat(PasswordHash.matches("anything at all", null)).isFalse();
  }
}
