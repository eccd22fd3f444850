package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Leaf;
import dev.compact.transparency.MemoryTree;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code verify --export} on an export that does not follow the format (docs/transparency.md, "The
 * public export"): each damage is a finding that names its line, never an internal error, and no
 * value is read loosely (a stream version "01" is not the 1 its digest covers). A classified leaf
 * that comes with an event is refused: the format never shows one. The export is written by hand,
 * as another implementation would write it: a public event, a secret one (its leaf only), a public one.
 */
class VerifyExportFormatTests {
  private static final NoteSigner LOG = NoteSigner.of("log.example/compact", NoteKey.ED25519, seed(1));
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  private Path export;
  private Path trust;
  private List<Map<String, Object>> lines;

  @BeforeEach
  void writeExport() throws Exception {
    export = dir.resolve("export");
    Files.createDirectories(export.resolve("checkpoints"));
    MemoryTree tree = new MemoryTree();
    lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
      String salt = "%032d".formatted(i);
      String payload = "{\"n\":" + i + "}";
      boolean secret = i == 1;
      Leaf leaf = new Leaf(i, "incident-reported", at, at, secret ? "secret" : "public", Leaf.content(salt, "incident-" + i, 1, "desk", payload));
      tree.append(leaf.hash());
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("leaf", new String(leaf.bytes(), StandardCharsets.UTF_8));
      if (!secret) {
        line.put("event", new LinkedHashMap<>(Map.of("salt", salt, "stream", "incident-" + i, "streamVersion", 1, "actor", "desk",
            "payload", payload)));
      }
      lines.add(line);
    }
    write(lines);
    Checkpoint checkpoint = new Checkpoint(LOG.name(), 3, tree.root());
    Files.writeString(export.resolve("checkpoints/3.note"), new Note(checkpoint.text(), List.of(LOG.sign(checkpoint.text()))).format());
    trust = dir.resolve("trust.txt");
    Files.writeString(trust, LOG.key().text() + "\n");
  }

  @Test
  void theExportAsWrittenVerifies() {
    CliRun run = verify();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("3 leaves verified against checkpoint 3", "2 public events match their digests");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamedByItsLine() throws Exception {
    assertFinding(event(2, e -> put(e, "payload", Map.of("n", 2))), "line 3 (where leaf 2 belongs): the event's \"payload\" is not a string");
    assertFinding(event(0, e -> put(e, "streamVersion", "01")), "line 1 (where leaf 0 belongs): the event's \"streamVersion\" is not a whole number");
    assertFinding(event(0, e -> put(e, "streamVersion", 1e30)), "line 1 (where leaf 0 belongs): the event's \"streamVersion\" is not a whole number");
    assertFinding(event(0, e -> put(e, "streamVersion", new java.math.BigInteger("1000000000000000000000"))),
        "line 1 (where leaf 0 belongs): the event's \"streamVersion\" is not a whole number");
    assertFinding(edited(0, line -> put(line, "event", "desk")), "line 1 (where leaf 0 belongs): \"event\" is not an object");
    assertFinding(edited(2, line -> put(line, "leaf", 5)), "line 3 (where leaf 2 belongs): \"leaf\" is not a string");
  }

  @Test
  void aLineThatIsNotAnEntryIsNamed() throws Exception {
    Files.writeString(export.resolve("leaves.jsonl"), JSON.writeValueAsString(lines.get(0)) + "\n{nope\n");
    assertThat(verify().err()).contains("line 2 (where leaf 1 belongs): not JSON");
    Files.writeString(export.resolve("leaves.jsonl"), JSON.writeValueAsString(lines.get(0)) + "\n[1, 2]\n");
    assertThat(verify().err()).contains("line 2 (where leaf 1 belongs): not a JSON object");
    Files.writeString(export.resolve("leaves.jsonl"), "");
    CliRun empty = verify();
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.err()).contains("the export holds no leaf but the checkpoint covers 3 leaves");
  }

  @Test
  void aClassifiedLeafWithAnEventIsRefused() throws Exception {
    assertFinding(edited(1, line -> put(line, "event", Map.of("salt", "%032d".formatted(1), "stream", "incident-1", "streamVersion", 1,
        "actor", "desk", "payload", "{\"n\":1}"))), "leaf 1 is secret but the export shows an event for it");
  }

  @Test
  void aCheckpointFileThatIsNotTextIsNamed() throws Exception {
    Files.write(export.resolve("checkpoints/0.note"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    CliRun binary = verify();
    assertThat(binary.exitCode()).isEqualTo(1);
    assertThat(binary.err()).contains("0.note is not a checkpoint note (a file of UTF-8 text)");
    Files.delete(export.resolve("checkpoints/0.note"));
    Files.createDirectories(export.resolve("checkpoints/1.note"));
    assertThat(verify().err()).contains("1.note is not a checkpoint note");
  }

  private void assertFinding(List<Map<String, Object>> altered, String finding) throws Exception {
    write(altered);
    CliRun run = verify();
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err()).contains("the export does not verify: " + finding).doesNotContain("internal error");
  }

  private CliRun verify() {
    return CliRun.of("verify", "--export", export.toString(), "--trust", trust.toString());
  }

  /** The lines with line {@code index} edited. */
  private List<Map<String, Object>> edited(int index, UnaryOperator<Map<String, Object>> edit) {
    List<Map<String, Object>> copy = new ArrayList<>();
    for (Map<String, Object> line : lines) {
      copy.add(new LinkedHashMap<>(line));
    }
    copy.set(index, edit.apply(copy.get(index)));
    return copy;
  }

  /** The lines with the event of line {@code index} edited. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> event(int index, UnaryOperator<Map<String, Object>> edit) {
    return edited(index, line -> put(line, "event", edit.apply(new LinkedHashMap<>((Map<String, Object>) line.get("event")))));
  }

  private static Map<String, Object> put(Map<String, Object> map, String key, Object value) {
    map.put(key, value);
    return map;
  }

  private void write(List<Map<String, Object>> entries) throws Exception {
    List<String> text = new ArrayList<>();
    for (Map<String, Object> entry : entries) {
      text.add(JSON.writeValueAsString(entry));
    }
    Files.write(export.resolve("leaves.jsonl"), text);
  }

  private static byte[] seed(int value) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) value);
    return seed;
  }
}
