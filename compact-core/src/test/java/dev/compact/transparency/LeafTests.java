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

  @Test
  void refusesLeavesNotInCanonicalForm() {
    String text = new String(LEAF.bytes(), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Leaf.parse(text.replace("index 41", "index 041"))).hasMessageContaining("canonical");
    assertThatThrownBy(() -> Leaf.parse(text.replace("type ", "kind "))).hasMessageContaining("'type '");
  }
}
