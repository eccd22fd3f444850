package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.compact.agreements.Domain;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FieldsTests {
  /**
   * A value a client may send: with a NUL, a bell and a right-to-left override in it, and as long as free text may be
   * (2,000 characters; a longer one is refused as too long before any check repeats it).
   */
  static final String HOSTILE = "x\u0000\u0007\u202e" + "y".repeat(1_996);

  @Test
  void aRefusedValueComesBackCutShortWithItsInvisibleCharactersEscaped() {
    List<Consumer<String>> checks = List.of(v -> Fields.id(v, "id"), v -> Fields.party(v, "party"), Fields::place,
        v -> Fields.keyword(Domain.class, v, "category"), v -> Fields.occurredAt(v, Instant.parse("2026-03-01T06:00:00Z")),
        v -> Fields.optionalInstant(v, "at"), v -> Fields.duration(v, "within"));

    for (Consumer<String> check : checks) {
      Throwable refused = catchThrowable(() -> check.accept(HOSTILE));

      assertThat(refused).isInstanceOf(IllegalArgumentException.class);
      assertThat(refused.getMessage()).hasSizeLessThan(400).contains("x\\u0000\\u0007\\u202Eyyy", "... (2000 characters)")
          .doesNotContain("\u0000", "\u0007", "\u202e");
    }
  }
}
