package dev.compact.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.NameStrength;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctions.Schema;
import dev.compact.sanctions.SnapshotFolder;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexSnapshotsTests {

  @TempDir Path dir;

  static List<SanctionsList> lists;
  static Screener fresh;

  @BeforeAll
  static void loadOnce() {
    lists = ListLoader.bundled();
    fresh = new Screener(ScreeningIndex.build(lists));
  }

  @Test
  void theSecondRunReadsTheIndexFromItsSnapshotAndScreensTheSame() {
    IndexSnapshots first = IndexSnapshots.in(dir);
    IndexSnapshots second = IndexSnapshots.in(dir);

    ScreeningIndex built = first.index(lists);
    ScreeningIndex read = second.index(lists);

    assertThat(first.count(SnapshotFolder.Outcome.MISSING)).isEqualTo(1);
    assertThat(second.count(SnapshotFolder.Outcome.READ)).isEqualTo(1);
    assertThat(snapshotFiles()).hasSize(1);
    for (String name : List.of("Oleg Deripaska", "Kim Jong Un", "ABU SAYYAF GROUP", "Banco Nacional de Cuba")) {
      ScreeningOutcome expected = fresh.screen(ScreeningQuery.of(name), 5);
      assertThat(new Screener(built).screen(ScreeningQuery.of(name), 5)).isEqualTo(expected);
      assertThat(new Screener(read).screen(ScreeningQuery.of(name), 5)).isEqualTo(expected);
    }
  }

  @Test
  void aDamagedOrTruncatedSnapshotIsRebuiltAndRewritten() throws IOException {
    IndexSnapshots.in(dir).index(lists);
    Path snapshot = snapshotFiles().getFirst();
    byte[] good = Files.readAllBytes(snapshot);
    Random random = new Random(5);
    for (int round = 0; round < 4; round++) {
      byte[] bad = good.clone();
      if (round % 2 == 0) {
        bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
      } else {
        bad = Arrays.copyOf(bad, random.nextInt(bad.length));
      }
      Files.write(snapshot, bad);
      IndexSnapshots again = IndexSnapshots.in(dir);

      ScreeningIndex index = again.index(lists);

      assertThat(again.count(SnapshotFolder.Outcome.REJECTED)).isEqualTo(1);
      assertThat(index.nameCount()).isEqualTo(fresh.index().nameCount());
      assertThat(Files.readAllBytes(snapshot)).isEqualTo(good);
    }
  }

  @Test
  void otherListsGetAnotherSnapshotAndTheOldOneIsKept() {
    IndexSnapshots snapshots = IndexSnapshots.in(dir);
    snapshots.index(lists);

    snapshots.index(List.of(lists.get(1)));
    snapshots.index(lists);

    assertThat(snapshots.count(SnapshotFolder.Outcome.MISSING)).isEqualTo(2);
    assertThat(snapshots.count(SnapshotFolder.Outcome.READ)).isEqualTo(1);
    assertThat(snapshotFiles()).hasSize(2);
  }

  @Test
  void listsThatShareAKeyButNotTheirNamesAreIndexedFromTheirOwnNames() {
    // Lists built by hand have no content hash: two with the same name and size share a key.
    SanctionsList one = new SanctionsList("hand-made", "test", "", java.util.Optional.empty(),
        List.of(SanctionedEntity.builder("1", Schema.PERSON).name("Ivan Petrov", NameStrength.PRIMARY).build()));
    SanctionsList other = new SanctionsList("hand-made", "test", "", java.util.Optional.empty(),
        List.of(SanctionedEntity.builder("1", Schema.PERSON).name("Maria Lopez", NameStrength.PRIMARY).build()));
    IndexSnapshots snapshots = IndexSnapshots.in(dir);
    snapshots.index(List.of(one));

    ScreeningIndex index = snapshots.index(List.of(other));

    assertThat(snapshots.count(SnapshotFolder.Outcome.REJECTED)).isEqualTo(1);
    ScreeningOutcome outcome = new Screener(index).screen(ScreeningQuery.of("Maria Lopez"), 5);
    assertThat(outcome).isInstanceOfSatisfying(ScreeningOutcome.Screened.class,
        s -> assertThat(s.hits()).singleElement().satisfies(h -> assertThat(h.score()).isGreaterThan(0.99)));
  }

  @Test
  void aFolderThatCannotBeWrittenOnlyCostsABuild() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    IndexSnapshots snapshots = IndexSnapshots.in(notADirectory.resolve("indexes"));

    assertThat(snapshots.index(lists).nameCount()).isEqualTo(fresh.index().nameCount());
    assertThat(snapshots.count(SnapshotFolder.Outcome.READ)).isZero();
    assertThat(notADirectory).hasContent("x");
  }

  @Test
  void snapshotsLiveBesideTheListSnapshotsUnlessTheCacheIsOff() {
    assertThat(IndexSnapshots.fromEnvironment(Map.of("COMPACT_CACHE_DIR", "/c"), "/home/u").directory())
        .contains(Path.of("/c/indexes"));
    assertThat(IndexSnapshots.fromEnvironment(Map.of(), "/home/u").directory())
        .contains(Path.of("/home/u/.cache/compact/indexes"));
    IndexSnapshots off = IndexSnapshots.fromEnvironment(Map.of("COMPACT_CACHE", "off"), "/home/u");
    assertThat(off.directory()).isEmpty();
    off.index(List.of(lists.get(1)));
    assertThat(off.count(SnapshotFolder.Outcome.OFF)).isEqualTo(1);
  }

  @Test
  void theKeyChangesWithTheMatchersCodeAndTheListsContent() {
    assertThat(IndexSnapshots.Matcher.VALUE).hasValueSatisfying(v -> assertThat(v).matches("[0-9a-f]{64} icu4j-.*\\.jar commons-codec-.*\\.jar"));
    String key = IndexSnapshots.key("code", lists);
    SanctionsList un = lists.get(1);
    SanctionsList changed = new SanctionsList(un.name(), un.source(), "0".repeat(64), un.issued(), un.entities());

    assertThat(IndexSnapshots.key("code", lists)).isEqualTo(key);
    assertThat(IndexSnapshots.key("other code", lists)).isNotEqualTo(key);
    assertThat(IndexSnapshots.key("code", List.of(lists.get(0), changed))).isNotEqualTo(key);
    assertThat(IndexSnapshots.key("code", List.of(lists.get(1), lists.get(0)))).isNotEqualTo(key);
  }

  private List<Path> snapshotFiles() {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".index")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
