package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The version hash is streamed into SHA-256 (issue #17): the digest must be the one of the whole
 * canonical text's {@code getBytes(UTF_8)}, whatever the characters and wherever the buffer fills.
 */
class Utf8DigestTests {

  private static List<String> texts() {
    List<String> texts = new ArrayList<>(List.of("", "a", "Україна", "日本", "\uD83C\uDDFA\uD83C\uDDE6", "\uD800", "\uDC00", "x\uDC00\uD800y",
        "\uD800\uD800\uDC00", "\u007f\u0080\u07ff\u0800\uffff", "é".repeat(5000), "Ї".repeat(4095) + "\uD834\uDD1E",
        "say \"no\"\\n\tthen\n\u0001\u001f end", "\"".repeat(3000), "\\\n".repeat(2100),
        // Long plain runs, which go in a buffer's worth at a time, ending at, before and across the buffer's end.
        "a".repeat(9000), "a".repeat(4096) + "é", "a".repeat(4093) + "\uD834\uDD1E" + "b".repeat(5000), "a".repeat(4095) + "Ї" + "b".repeat(4094),
        "a".repeat(2047) + "\"" + "b".repeat(2049) + "\n" + "c".repeat(6000)));
    SplittableRandom random = new SplittableRandom(17);
    char[] alphabet = {'a', ' ', '\t', '\n', '"', '\\', '\u0000', 'é', 'Ї', '日', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0080', '\uffff'};
    for (int i = 0; i < 300; i++) {
      char[] chars = new char[random.nextInt(0, 9000)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = alphabet[random.nextInt(alphabet.length)];
      }
      texts.add(new String(chars));
    }
    return texts;
  }

  @Test
  void digestsBytesWrittenInAnyPiecesAsTheWhole() throws NoSuchAlgorithmException {
    SplittableRandom random = new SplittableRandom(11);
    for (String text : texts()) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      byte[] expected = MessageDigest.getInstance("SHA-256").digest(bytes);

      CanonicalForm.Utf8Digest whole = new CanonicalForm.Utf8Digest();
      whole.bytes(bytes, 0, bytes.length);
      CanonicalForm.Utf8Digest pieces = new CanonicalForm.Utf8Digest();
      int from = 0;
      while (from < bytes.length) {
        int to = Math.min(bytes.length, from + random.nextInt(1, 3000));
        pieces.bytes(bytes, from, to);
        from = to;
      }

      assertThat(whole.digest()).as("length %d", bytes.length).isEqualTo(expected);
      assertThat(pieces.digest()).as("length %d in pieces", bytes.length).isEqualTo(expected);
    }
  }

  @Test
  void writesEveryKindOfCharacterAsAJsonStringInUtf8() throws NoSuchAlgorithmException {
    for (String text : texts()) {
      CanonicalForm.Utf8Digest digest = new CanonicalForm.Utf8Digest();
      CanonicalForm.string(text, digest);
      byte[] expected = MessageDigest.getInstance("SHA-256").digest(jsonString(text).getBytes(StandardCharsets.UTF_8));
      assertThat(digest.digest()).as("length %d", text.length()).isEqualTo(expected);
    }
  }

  @Test
  void mixesAsciiAndBytesAsOneString() throws NoSuchAlgorithmException {
    CanonicalForm.Utf8Digest digest = new CanonicalForm.Utf8Digest();
    StringBuilder same = new StringBuilder();
    byte[] geneva = "Genève ".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 3000; i++) {
      digest.ascii('"');
      digest.bytes(geneva, 0, geneva.length);
      same.append('"').append("Genève ");
    }
    assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(same.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** The canonical form's string, written the slow and obvious way: one character at a time. */
  private static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
