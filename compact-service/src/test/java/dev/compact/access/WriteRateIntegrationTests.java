package dev.compact.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The write rate is one token bucket per account in the database, which every instance over it draws on. */
class WriteRateIntegrationTests {
  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  /** A wall clock the test moves. */
  static final class Wall extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T06:00:00Z"));

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void twoInstancesDrawOnOneBucketThatRefillsAtTheRateUpToTheBurst(String kind) {
    try (Database database = TestDatabases.fresh(kind)) {
      Wall wall = new Wall();
      WriteRate a = new WriteRate(2, 3, database, wall);
      WriteRate b = new WriteRate(2, 3, database, wall);

      assertThat(List.of(a.admit("uk-desk"), b.admit("uk-desk"), a.admit("uk-desk"), b.admit("uk-desk"))).containsExactly(true, true, true, false);
      assertThat(a.admit("de-desk")).as("another account has its own bucket").isTrue();
      wall.advance(Duration.ofMillis(500));
      assertThat(List.of(b.admit("uk-desk"), a.admit("uk-desk"))).as("half a second at 2 per second refills one").containsExactly(true, false);
      wall.advance(Duration.ofHours(1));
      assertThat(List.of(a.admit("uk-desk"), b.admit("uk-desk"), a.admit("uk-desk"), b.admit("uk-desk")))
          .as("an hour refills up to the burst, no more").containsExactly(true, true, true, false);
      wall.advance(Duration.ofSeconds(-30));
      assertThat(a.admit("uk-desk")).as("a clock behind the last write refills nothing").isFalse();
    }
  }

  /**
   * A refusal said "retry after 1 second" whatever the rate: at half a write per second the bucket was still empty then.
   * It says how long until the bucket holds a write, rounded up, and at least a second while it is refused.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aRefusalSaysHowLongUntilTheBucketHoldsAWriteRoundedUp(String kind) {
    try (Database database = TestDatabases.fresh(kind)) {
      Wall wall = new Wall();
      WriteRate rate = new WriteRate(0.5, 1, database, wall);

      assertThat(rate.take("uk-desk")).isEmpty();
      assertThat(rate.take("uk-desk").map(RetryAfter::seconds)).as("an empty bucket at half a write per second").contains(2L);
      wall.advance(Duration.ofMillis(500));
      assertThat(rate.take("uk-desk").map(RetryAfter::seconds)).as("a quarter of a write in it: 1.5 s to go, said as 2").contains(2L);
      wall.advance(Duration.ofMillis(1400));
      assertThat(rate.take("uk-desk").map(RetryAfter::seconds)).as("0.1 s to go: 1, never 0").contains(1L);
      wall.advance(Duration.ofMillis(100));
      assertThat(rate.take("uk-desk")).as("two seconds after the last write").isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void concurrentWritersOnTwoInstancesNeverTakeMoreThanTheBucketHolds(String kind) throws Exception {
    try (Database database = TestDatabases.fresh(kind)) {
      Wall wall = new Wall();
      List<WriteRate> instances = List.of(new WriteRate(0.001, 25, database, wall), new WriteRate(0.001, 25, database, wall));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
          WriteRate instance = instances.get(i % 2);
          attempts.add(() -> instance.admit("uk-desk"));
        }
        long admitted = 0;
        for (Future<Boolean> result : pool.invokeAll(attempts)) {
          admitted += result.get() ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(25);
      } finally {
        pool.shutdown();
      }
    }
  }
}
