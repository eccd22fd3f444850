package dev.compact.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.transparency.Hasher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * A large insert's leaves are hashed in steps by whichever thread claims each first: the hashing
 * thread, or the appender when it needs a leaf nobody has begun. Whoever hashes, every leaf is its
 * event's own with a fresh salt, and the subtrees are those of the same leaves hashed in one go.
 */
class LeafHashingTests {
  private static final Instant T0 = Instant.parse("2026-03-01T07:00:00Z");
  private static final String RECORDED = "2026-03-01T08:00:00Z";

  private static List<NewEvent> events(int count) {
    List<NewEvent> events = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      events.add(new NewEvent("incident-reported", "{\"n\":" + n + "}", T0.plusSeconds(n), "desk", n % 5 == 0 ? "secret" : "public"));
    }
    return events;
  }

  /** The tree of 70 leaves before the insert, so that the insert's subtrees join older ones on its edge. */
  private static LogTree.Edge edgeOf70() {
    Hasher hasher = new Hasher();
    byte[][] older = new byte[70][];
    for (int i = 0; i < older.length; i++) {
      older[i] = hasher.node(new byte[32], new byte[] {(byte) i});
    }
    return LogTree.grow(0, older, hasher, new LogTree.Edge(0, new byte[0][])).edge();
  }

  /** Takes every leaf as the appender does, in order, and checks them, their salts and the subtrees against a computation of its own. */
  private static void assertSameAsHashedInOneGo(LeafHashing hashing, List<NewEvent> events, LogTree.Edge at) {
    Hasher hasher = new Hasher();
    byte[][] expected = new byte[events.size()][];
    Set<String> salts = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      byte[] leaf = hashing.leaf(i);
      byte[] salt = hashing.salt(i);
      assertThat(salt).as("salt %d", i).hasSize(16);
      salts.add(HexFormat.of().formatHex(salt));
      NewEvent event = events.get(i);
      expected[i] = LogTree.leafHash(hasher, 70 + i + 1, "s", 9 + i + 1, event.type(), event.payload(), event.occurredAt().toString(), RECORDED,
          event.actor(), salt, event.classification());
      assertThat(leaf).as("leaf %d", i).isEqualTo(expected[i]);
    }
    assertThat(salts).hasSize(events.size());
    LogTree.Growth growth = hashing.growth();
    LogTree.Growth own = LogTree.grow(70, expected, hasher, at);
    assertThat(growth.edge().size()).isEqualTo(70 + events.size());
    assertThat(growth.edge().hashes()).isDeepEqualTo(own.edge().hashes());
    assertThat(growth.nodes()).hasSameSizeAs(own.nodes());
    for (int n = 0; n < own.nodes().size(); n++) {
      assertThat(growth.nodes().get(n).level()).isEqualTo(own.nodes().get(n).level());
      assertThat(growth.nodes().get(n).index()).isEqualTo(own.nodes().get(n).index());
      assertThat(growth.nodes().get(n).hash()).isEqualTo(own.nodes().get(n).hash());
    }
  }

  @Test
  void theAppenderHashesEveryStepItselfWhenTheHashingThreadNeverRuns() {
    List<NewEvent> events = events(300);
    LogTree.Edge at = edgeOf70();
    LeafHashing hashing = LeafHashing.start(70, "s", 9, RECORDED, events, at, task -> {});

    assertThat(hashing.beside()).isTrue();
    assertSameAsHashedInOneGo(hashing, events, at);
  }

  @Test
  void theHashingThreadTakesOverTheStepsTheAppenderHasNotBegun() {
    List<NewEvent> events = events(300);
    LogTree.Edge at = edgeOf70();
    List<Runnable> late = new ArrayList<>();
    LeafHashing hashing = LeafHashing.start(70, "s", 9, RECORDED, events, at, late::add);
    // The appender takes the first 100 leaves before the hashing thread starts: it hashes their steps itself.
    for (int i = 0; i < 100; i++) {
      hashing.leaf(i);
    }
    // The hashing thread, late, does the rest and the subtrees.
    late.getFirst().run();

    assertSameAsHashedInOneGo(hashing, events, at);
  }

  @Test
  void aHashingThreadThatRunsAtOnceLeavesNothingToTheAppender() {
    List<NewEvent> events = events(300);
    LogTree.Edge at = edgeOf70();
    Executor atOnce = Runnable::run;

    assertSameAsHashedInOneGo(LeafHashing.start(70, "s", 9, RECORDED, events, at, atOnce), events, at);
  }

  @Test
  void aLeafThatCannotBeMadeFailsTheAppenderWhoeverHashesIt() {
    List<NewEvent> events = new ArrayList<>(events(300));
    NewEvent bad = events.get(150);
    events.set(150, new NewEvent(bad.type(), bad.payload(), bad.occurredAt(), bad.actor(), "top secret"));
    for (Executor beside : List.<Executor>of(task -> {}, Runnable::run)) {
      LeafHashing hashing = LeafHashing.start(70, "s", 9, RECORDED, events, edgeOf70(), beside);
      for (int i = 0; i < 128; i++) {
        hashing.leaf(i);
      }
      assertThatThrownBy(() -> hashing.leaf(150)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single words");
      assertThatThrownBy(hashing::growth).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
