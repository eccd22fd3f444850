package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-thread scratch of candidate generation keeps working however many queries it serves. */
class ScratchTests {

  @Test
  void marksEachEntityOncePerQuery() {
    Scratch scratch = new Scratch(4, 1);
    scratch.reset();

    assertThat(scratch.markEntity(1)).isTrue();
    assertThat(scratch.markEntity(1)).isFalse();
    scratch.reset();
    assertThat(scratch.markEntity(1)).isTrue();
  }

  @Test
  void marksMoreEntitiesThanTheSetFirstHoldsAndForgetsThemAtTheNextQuery() {
    Scratch scratch = new Scratch(4, 1);
    scratch.reset();
    // Entity ids far apart and close together, more than the set's first size, so that it grows
    // and probes collide.
    for (int e = 0; e < 5_000; e++) {
      assertThat(scratch.markEntity(e * 1_021)).isTrue();
    }
    for (int e = 0; e < 5_000; e++) {
      assertThat(scratch.markEntity(e * 1_021)).isFalse();
    }
    assertThat(scratch.markEntity(1)).isTrue();
    scratch.reset();

    assertThat(scratch.markEntity(0)).isTrue();
    assertThat(scratch.markEntity(1_021 * 4_999)).isTrue();
    assertThat(scratch.markEntity(1)).isTrue();
    assertThat(scratch.markEntity(1)).isFalse();
  }

  @Test
  void selectsTheBestNamesWithTheFloorOfTheBestScoreEverReached() {
    Scratch scratch = new Scratch(8, 1);
    scratch.reset();
    scratch.add(3, 1f);
    scratch.add(5, 2f);
    scratch.add(3, 2f);
    scratch.add(6, 0.5f);

    // Name 3 ends best (3.0); the floor of a quarter is 0.75, which leaves out name 6.
    assertThat(scratch.topNames(10, 0.25f, -1f)).containsExactly(3, 5);
    scratch.reset();
    scratch.add(6, 0.5f);
    assertThat(scratch.topNames(10, 0.25f, -1f)).containsExactly(6);
  }
}
