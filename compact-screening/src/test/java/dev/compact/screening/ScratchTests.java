package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-thread scratch of candidate generation keeps working however many queries it serves. */
class ScratchTests {

  @Test
  void marksEachEntityOncePerQuery() {
    Scratch scratch = new Scratch(4, 3, 1);
    scratch.reset();

    assertThat(scratch.markEntity(1)).isTrue();
    assertThat(scratch.markEntity(1)).isFalse();
    scratch.reset();
    assertThat(scratch.markEntity(1)).isTrue();
  }

  @Test
  void marksEntitiesAfterTheQueryStampWrapsAround() {
    Scratch scratch = new Scratch(4, 3, 1);
    scratch.reset();
    scratch.markEntity(2);
    // The next query's stamp is 0, what every entity never marked holds.
    scratch.stampAt(-1);
    scratch.reset();

    assertThat(scratch.markEntity(0)).isTrue();
    assertThat(scratch.markEntity(2)).isTrue();
    assertThat(scratch.markEntity(2)).isFalse();
  }
}
