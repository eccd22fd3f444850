package dev.compact.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeafTests {
  static final Leaf LEAF = new Leaf(41, "incident-reported", Instant.parse("2024-02-24T04:00:00Z"), Instant.parse("2024-02-24T04:05:00.5Z"),
      "restricted", Leaf.content("00112233445566778899aabbccddeeff", "incident-i1", 1, "ua-desk", "{\"id\":\"i1\"}"));

  @Test
  void leafBytesAreSevenLinesThatParseBack() {
    String text = new String(LEAF.bytes(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("compact-leaf/v1\nindex 41\ntype incident-reported\noccurred 2024-02-24T04:00:00Z\n"
        + "recorded 2024-02-24T04:05:00.500Z\nclassification restricted\ncontent ").hasLineCount(7);
    assertThat(Leaf.parse(text)).usingRecursiveComparison().isEqualTo(LEAF);
    assertThat(LEAF.hash()).isEqualTo(Hashes.leaf(LEAF.bytes()));
  }

  /** The worked example of docs/transparency.md, computed there independently (Python's hashlib). */
  @Test
  void theDocumentedExampleHoldsByteForByte() {
    byte[] content = Leaf.content("00112233445566778899aabbccddeeff", "incident-i1", 1, "ua-desk", "{\"id\":\"i1\",\"kind\":\"armed-attack\"}");
    assertThat(Hashes.hex(content)).isEqualTo("2b125b5a65bde030666247d47ae55562b291b4570f943a90b5860a18dfb58c5b");
    Leaf leaf = new Leaf(0, "incident-reported", Instant.parse("2024-02-24T04:00:00Z"), Instant.parse("2024-02-24T04:05:00Z"), "public", content);
    assertThat(Hashes.hex(leaf.hash())).isEqualTo("047abda4b70944317beeb952e74cd111a9b0057a4b7175f3e6ae78ebf205af24");
  }

  @Test
  void contentDigestCoversEveryFieldWithoutAmbiguity() {
    byte[] digest = Leaf.content("salt", "s", 1, "a", "p");
    assertThat(Leaf.content("salt", "s", 1, "a", "q")).isNotEqualTo(digest);
    assertThat(Leaf.content("other", "s", 1, "a", "p")).isNotEqualTo(digest);
    assertThat(Leaf.content("salt", "s", 2, "a", "p")).isNotEqualTo(digest);
    // Moving a character from one field to the next changes the lengths, and so the digest.
    assertThat(Leaf.content("salt", "sa", 1, "", "p")).isNotEqualTo(Leaf.content("salt", "s", 1, "a", "p"));
  }

  /**
   * One hasher reused for many leaves, contents and nodes (as an appender does) gives what the
   * formats say, computed here from their definitions with fresh strings and digests: across
   * non-ASCII fields, a payload larger than its buffer, and index 0 and large indices.
   */
  @Test
  void aReusedHasherHashesExactlyAsTheFormatsSay() throws Exception {
    Hasher hasher = new Hasher();
    String big = "{\"text\":\"" + "ünïcødé ".repeat(400) + "\"}";
    String[] payloads = {"{}", "{\"name\":\"Łódź – Київ\"}", big, "{\"n\":1}"};
    long[] indices = {0, 9, 10, 1_234_567_890_123L};
    byte[] previous = Hashes.sha256(new byte[0]);
    for (int i = 0; i < payloads.length; i++) {
      String salt = "00112233445566778899aabbccddee" + i + i;
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      for (String field : new String[] {"compact-content/v1", salt, "strøm-" + i, Long.toString(i + 1), "désk", payloads[i]}) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
      }
      byte[] content = digest.digest();
      assertThat(hasher.content(salt, "strøm-" + i, i + 1, "désk", payloads[i])).isEqualTo(content);
      String text = "compact-leaf/v1\nindex " + indices[i] + "\ntype note-é\noccurred 2024-02-24T04:00:00Z\nrecorded 2024-02-24T04:05:00.500Z\n"
          + "classification secret\ncontent " + java.util.HexFormat.of().formatHex(content) + "\n";
      java.security.MessageDigest leaf = java.security.MessageDigest.getInstance("SHA-256");
      leaf.update((byte) 0);
      byte[] expected = leaf.digest(text.getBytes(StandardCharsets.UTF_8));
      assertThat(hasher.leaf(indices[i], "note-é", "2024-02-24T04:00:00Z", "2024-02-24T04:05:00.500Z", "secret", content)).isEqualTo(expected);
      java.security.MessageDigest node = java.security.MessageDigest.getInstance("SHA-256");
      node.update((byte) 1);
      node.update(previous);
      assertThat(hasher.node(previous, expected)).isEqualTo(node.digest(expected));
      previous = expected;
    }
  }

  @Test
  void refusesLeavesNotInCanonicalForm() {
    String text = new String(LEAF.bytes(), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Leaf.parse(text.replace("index 41", "index 041"))).hasMessageContaining("canonical");
    assertThatThrownBy(() -> Leaf.parse(text.replace("type ", "kind "))).hasMessageContaining("'type '");
  }
}
