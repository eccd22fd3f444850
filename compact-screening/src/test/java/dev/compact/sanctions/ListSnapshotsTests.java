package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListSnapshotsTests {

  @TempDir Path dir;

  static List<SanctionsList> parsed;

  @BeforeAll
  static void parseOnce() {
    parsed = ListLoader.bundled();
  }

  @Test
  void aSnapshotReadsBackAsTheListItWasWrittenFrom() {
    for (SanctionsList list : parsed) {
      byte[] bytes = new ListSnapshot(list, List.of("a note")).encode("k");

      ListSnapshot read = ListSnapshot.decode(bytes, "k").orElseThrow();

      assertThat(read.list()).isEqualTo(list);
      assertThat(read.notes()).containsExactly("a note");
    }
  }

  @Test
  void aSnapshotWrittenForAnotherKeyIsRefused() {
    byte[] bytes = new ListSnapshot(parsed.get(1), List.of()).encode("one key");

    assertThat(ListSnapshot.decode(bytes, "another key")).isEmpty();
  }

  @Test
  void theSecondLoadReadsTheSnapshotAndGivesTheSameListsAndNotes() {
    ListSnapshots snapshots = ListSnapshots.in(dir);

    List<SanctionsList> first = snapshots.bundled();
    List<SanctionsList> second = ListSnapshots.in(dir).bundled();

    assertThat(first).isEqualTo(parsed);
    assertThat(second).isEqualTo(parsed);
    assertThat(snapshots.count(SnapshotFolder.Outcome.MISSING)).isEqualTo(2);
    assertThat(snapshotFiles()).hasSize(2);
  }

  @Test
  void aNoteOfTheParseIsGivenAgainWhenTheSnapshotIsRead() throws IOException {
    Path release = Files.createDirectories(dir.resolve("mini"));
    for (String name : List.of("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")) {
      Files.write(release.resolve(name), TestLists.resource("ofac_sdn_mini/" + name).bytes());
    }
    ListSnapshots snapshots = ListSnapshots.in(dir.resolve("cache"));
    List<String> parsedNotes = new ArrayList<>();
    List<String> readNotes = new ArrayList<>();

    SanctionsList first = snapshots.load(new ListSource.OfacDirectory(release), parsedNotes::add);
    SanctionsList second = snapshots.load(new ListSource.OfacDirectory(release), readNotes::add);

    assertThat(second).isEqualTo(first).isEqualTo(OfacCsvImporter.loadDirectory(release));
    assertThat(snapshots.count(SnapshotFolder.Outcome.READ)).isEqualTo(1);
    assertThat(parsedNotes).hasSize(2);
    assertThat(readNotes).isEqualTo(parsedNotes);
  }

  @Test
  void changedSourceFilesAreParsedAgainNotAnsweredFromTheOldSnapshot() throws IOException {
    Path file = dir.resolve("un.xml");
    byte[] xml = ListLoader.bundledUnXml().bytes();
    Files.write(file, xml);
    ListSnapshots snapshots = ListSnapshots.in(dir.resolve("cache"));
    SanctionsList before = snapshots.load(new ListSource.UnXml(file), note -> {});
    String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
    String firstName = before.entities().getFirst().primaryName().full();
    String firstWord = firstName.split(" ")[0];
    Files.writeString(file, text.replaceFirst(firstWord, "ZZZQ"));

    SanctionsList after = snapshots.load(new ListSource.UnXml(file), note -> {});

    assertThat(snapshots.count(SnapshotFolder.Outcome.MISSING)).isEqualTo(2);
    assertThat(after.versionHash()).isNotEqualTo(before.versionHash());
    assertThat(after).isEqualTo(UnXmlImporter.load(file));
  }

  @Test
  void aDamagedOrTruncatedSnapshotFileIsParsedAgainAndRewritten() throws IOException {
    ListSnapshots.in(dir).bundled();
    Random random = new Random(5);
    for (Path snapshot : snapshotFiles()) {
      byte[] good = Files.readAllBytes(snapshot);
      for (int round = 0; round < 6; round++) {
        byte[] bad = good.clone();
        if (round % 2 == 0) {
          bad[random.nextInt(bad.length)] ^= (byte) 0x10;
        } else {
          bad = Arrays.copyOf(bad, random.nextInt(bad.length));
        }
        Files.write(snapshot, bad);
        ListSnapshots again = ListSnapshots.in(dir);

        assertThat(again.bundled()).isEqualTo(parsed);
        assertThat(again.count(SnapshotFolder.Outcome.REJECTED)).isEqualTo(1);
        assertThat(Files.readAllBytes(snapshot)).isEqualTo(good);
      }
    }
  }

  @Test
  void aFailedParseWritesNothingAndFailsAsWithoutACache() throws IOException {
    Path file = dir.resolve("bad.xml");
    Files.writeString(file, "<NOT_A_LIST/>");
    ListSnapshots snapshots = ListSnapshots.in(dir.resolve("cache"));

    assertThatThrownBy(() -> snapshots.load(new ListSource.UnXml(file), note -> {}))
        .isInstanceOf(ListFormatException.class).hasMessageContaining("CONSOLIDATED_LIST");
    assertThat(dir.resolve("cache")).doesNotExist();
  }

  @Test
  void aFolderThatCannotBeWrittenOnlyCostsAParse() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");

    assertThat(ListSnapshots.in(notADirectory.resolve("lists")).bundled()).isEqualTo(parsed);
  }

  @Test
  void recordedVersionsReadFromTheirFilesUseSnapshotsToo() {
    List<ListFile> files = ListLoader.bundledOfacSdnFiles();
    ListSnapshots snapshots = ListSnapshots.in(dir);

    SanctionsList first = snapshots.read(ListFormat.OFAC, files, note -> {});
    SanctionsList second = snapshots.read(ListFormat.OFAC, files, note -> {});

    assertThat(second).isEqualTo(first).isEqualTo(ListFormat.OFAC.read(files, note -> {}));
    assertThat(snapshots.count(SnapshotFolder.Outcome.READ)).isEqualTo(1);
  }

  @Test
  void snapshotsUnusedForAMonthAreRemovedWhenAnotherIsWrittenAndReadOnesAreKept() throws IOException {
    Path old = Files.write(dir.resolve("0".repeat(64) + ".snapshot"), new byte[] {1});
    Path other = Files.write(dir.resolve("notes.txt"), new byte[] {1});
    java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(ListSnapshots.UNUSED).minus(java.time.Duration.ofDays(1)));
    Files.setLastModifiedTime(old, longAgo);
    Files.setLastModifiedTime(other, longAgo);
    ListSnapshots.in(dir).bundledUn();
    Path un = snapshotFiles().getFirst();
    Files.setLastModifiedTime(un, longAgo);

    ListSnapshots.in(dir).bundledUn();
    ListSnapshots.in(dir).bundledOfacSdn();

    assertThat(old).doesNotExist();
    assertThat(other).exists();
    assertThat(un).exists();
    assertThat(snapshotFiles()).hasSize(2);
  }

  @Test
  void theCacheFolderFollowsTheEnvironment() {
    assertThat(ListSnapshots.cacheDirectory(Map.of("COMPACT_CACHE_DIR", "/c"), "/home/u")).isEqualTo(Path.of("/c"));
    assertThat(ListSnapshots.cacheDirectory(Map.of("XDG_CACHE_HOME", "/x"), "/home/u")).isEqualTo(Path.of("/x/compact"));
    assertThat(ListSnapshots.cacheDirectory(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.cache/compact"));
    assertThat(ListSnapshots.fromEnvironment(Map.of("COMPACT_CACHE", "off"), "/home/u").directory()).isEmpty();
    assertThat(ListSnapshots.fromEnvironment(Map.of(), "/home/u").directory()).contains(Path.of("/home/u/.cache/compact/lists"));
  }

  @Test
  void theImportersAreFingerprintedFromTheirCompiledClasses() {
    assertThat(ListSnapshots.Importers.VALUE).hasValueSatisfying(v -> assertThat(v).hasSize(64));
  }

  private List<Path> snapshotFiles() {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".snapshot")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
