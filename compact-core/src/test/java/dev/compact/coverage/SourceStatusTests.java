package dev.compact.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceStatusTests {

  @Test
  void readsTheMarkerAtTheStartOfTheSource() {
    assertThat(SourceStatus.of("UK-Ukraine Agreement, 12 January 2024; https://example.org/uk")).isEqualTo(SourceStatus.VERIFIED);
    assertThat(SourceStatus.of("unverified: the clock. Found: the G7 formula; https://example.org")).isEqualTo(SourceStatus.UNVERIFIED);
    assertThat(SourceStatus.of("Unverified: case does not matter. Found: x")).isEqualTo(SourceStatus.UNVERIFIED);
    assertThat(SourceStatus.of("illustrative: a drafting exercise")).isEqualTo(SourceStatus.ILLUSTRATIVE);
    assertThat(SourceStatus.of("  ")).isEqualTo(SourceStatus.MISSING);
    assertThat(SourceStatus.of(null)).isEqualTo(SourceStatus.MISSING);
  }

  @Test
  void aDoubtInsideWhatReadsAsVerifiedIsAProblem() {
    assertThat(SourceStatus.problems("Agreement, 2024; https://example.org ; the clock is unverified"))
        .singleElement().asString().contains("presented as verified");
  }

  @Test
  void aVerifiedSourceNeedsAnAddressAndAnUnverifiedOneSaysWhatWasFound() {
    assertThat(SourceStatus.problems("Agreement of 2024, as reported")).singleElement().asString().contains("public address");
    assertThat(SourceStatus.problems("unverified: the clock")).singleElement().asString().contains("Found:");
    assertThat(SourceStatus.problems("unverified: the clock. Found: the G7 formula only")).isEmpty();
    assertThat(SourceStatus.problems("Agreement, 2024; https://example.org/a")).isEmpty();
    assertThat(SourceStatus.problems("")).containsExactly("the clause has no source");
  }
}
