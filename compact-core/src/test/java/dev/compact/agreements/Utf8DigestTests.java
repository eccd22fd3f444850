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
 * text's {@code getBytes(UTF_8)}, whatever the characters and wherever the buffer fills.
 */
class Utf8DigestTests {

  @Test
  void digestsEveryKindOfCharacterAsGetBytesEncodesIt() throws NoSuchAlgorithmException {
    List<String> texts = new ArrayList<>(List.of("", "a", "Україна", "日本", "\uD83C\uDDFA\uD83C\uDDE6", "\uD800", "\uDC00", "x\uDC00\uD800y",
        "\uD800\uD800\uDC00", "\u007f\u0080\u07ff\u0800\uffff", "é".repeat(5000), "Ї".repeat(4095) + "\uD834\uDD1E",
        // Long ASCII runs, which go in a buffer's worth at a time, ending at, before and across the buffer's end.
        "a".repeat(9000), "a".repeat(4096) + "é", "a".repeat(4093) + "\uD834\uDD1E" + "b".repeat(5000), "a".repeat(4095) + "Ї" + "b".repeat(4094)));
    SplittableRandom random = new SplittableRandom(17);
    char[] alphabet = {'a', ' ', '\t', 'é', 'Ї', '日', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0080', '\uffff'};
    for (int i = 0; i < 300; i++) {
      char[] chars = new char[random.nextInt(0, 9000)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = alphabet[random.nextInt(alphabet.length)];
      }
      texts.add(new String(chars));
    }
    for (String text : texts) {
      byte[] expected = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));

      CanonicalForm.Utf8Digest whole = new CanonicalForm.Utf8Digest();
      whole.text(text, 0, text.length());
      CanonicalForm.Utf8Digest pieces = new CanonicalForm.Utf8Digest();
      // Pieces cut anywhere except inside a surrogate pair, as the canonical form cuts its text.
      int from = 0;
      while (from < text.length()) {
        int to = Math.min(text.length(), from + random.nextInt(1, 700));
        if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1)) && Character.isLowSurrogate(text.charAt(to))) {
          to++;
        }
        pieces.text(text, from, to);
        from = to;
      }

      assertThat(whole.digest()).as("length %d", text.length()).isEqualTo(expected);
      assertThat(pieces.digest()).as("length %d in pieces", text.length()).isEqualTo(expected);
    }
  }

  @Test
  void mixesAsciiAndTextAsOneString() throws NoSuchAlgorithmException {
    CanonicalForm.Utf8Digest digest = new CanonicalForm.Utf8Digest();
    StringBuilder same = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      digest.ascii('"');
      digest.text("Genève ", 0, 7);
      same.append('"').append("Genève ");
    }
    assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(same.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
