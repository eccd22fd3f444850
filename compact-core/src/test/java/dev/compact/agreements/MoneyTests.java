package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTests {

  static String display(String value) {
    return new Money(new BigDecimal(value), "GBP").display();
  }

  @Test
  void roundAmountsReadAsBillionsAndMillions() {
    assertThat(display("2500000000")).isEqualTo("GBP 2.5 billion");
    assertThat(display("200000000")).isEqualTo("GBP 200 million");
    assertThat(display("1100000000")).isEqualTo("GBP 1.1 billion");
  }

  /** Found by the agreement fuzz test: an amount that is not a round number of millions threw. */
  @Test
  void amountsThatAreNotRoundAreShownInFullNeverRounded() {
    assertThat(display("2500000001")).isEqualTo("GBP 2,500,000,001");
    assertThat(display("1234567.5")).isEqualTo("GBP 1,234,567.5");
    assertThat(display("12000")).isEqualTo("GBP 12,000");
    assertThat(display("0.25")).isEqualTo("GBP 0.25");
  }
}
