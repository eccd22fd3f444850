package dev.compact.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.service.InvalidInput;
import dev.compact.watchlist.Watchlists.Counterparty;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks a watchlist upload passes before anything of it is stored: every bad row named by its number. */
class CounterpartyStoreTests {

  @Test
  void acceptsRowsThatCanBeScreened() {
    assertThatCode(() -> CounterpartyStore.check(List.of(new Counterparty("c1", "Acme Trading LLC", "company", null, "AE"),
        new Counterparty("c2", "Ivan Petrov", "person", "1970-01-01", " "))))
        .doesNotThrowAnyException();
  }

  @Test
  void namesEachBadRowByItsNumberAndSaysNothingWasStored() {
    List<Counterparty> rows = List.of(new Counterparty("c1", "Acme Trading LLC", null, null, null), new Counterparty(" ", "Nobody", null, null, null),
        new Counterparty("c3", "", null, null, null), new Counterparty("c1", "Acme Again", null, null, null),
        new Counterparty("c5", "x".repeat(10_000), null, null, null));
    assertThatThrownBy(() -> CounterpartyStore.check(rows)).isInstanceOf(InvalidInput.class)
        .hasMessageContaining("row 2: 'id' is required, at most 200 characters")
        .hasMessageContaining("row 3: 'name' is required")
        .hasMessageContaining("row 4: id 'c1' appears twice")
        .hasMessageContaining("row 5: 'name' is required")
        .hasMessageEndingWith("; nothing was stored")
        .message().doesNotContain("row 1:");
  }

  @Test
  void reportsAtMostTwentyProblems() {
    List<Counterparty> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(new Counterparty(null, null, null, null, null));
    }
    assertThatThrownBy(() -> CounterpartyStore.check(rows)).isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(e.getMessage().split("; row ")).hasSize(20));
  }
}
