package dev.compact.sanctions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The raw bytes of one list file: read completely before parsing so that the version hash covers
 * exactly what was parsed and a failure half-way leaves nothing loaded.
 *
 * @param name the file as error messages name it ("lists/ofac/sdn.csv"); only its last segment
 *     goes into the version hash, so the hash does not depend on where the files are
 * @param bytes the file's content
 */
record SourceBytes(String name, byte[] bytes) {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** The most a list file may hold: the largest array Java makes. Real lists are far smaller. */
  static final int MAX_BYTES = Integer.MAX_VALUE - 8;

  static SourceBytes read(Path path) {
    return read(path, MAX_BYTES);
  }

  /**
   * As {@link #read(Path)}, refusing more than {@code max} bytes. A device such as {@code /dev/zero}
   * or a pipe has no size to check first, and reading it whole ended in the JVM's own
   * OutOfMemoryError and its stack trace; now it ends in one line naming the file.
   */
  static SourceBytes read(Path path, int max) {
    try (InputStream in = Files.newInputStream(path)) {
      return new SourceBytes(path.toString(), capped(path.toString(), in, max));
    } catch (NoSuchFileException e) {
      throw new ListFormatException(path.toString(), 0, "no such file");
    } catch (IOException e) {
      throw new ListFormatException(path.toString(), 0, "cannot be read: " + e.getMessage(), e);
    }
  }

  static SourceBytes read(String name, InputStream in) {
    try {
      return new SourceBytes(name, capped(name, in, MAX_BYTES));
    } catch (IOException e) {
      throw new ListFormatException(name, 0, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** All of {@code in}, but at most {@code max} bytes, and a file too large for the memory said as such. */
  private static byte[] capped(String name, InputStream in, int max) throws IOException {
    try {
      byte[] bytes = in.readNBytes(max);
      if (bytes.length == max && in.read() != -1) {
        throw new ListFormatException(name, 0, String.format(java.util.Locale.ROOT, "holds more than %,d bytes, more than a list"
            + " file can be read as (is it a list file?); nothing was loaded", max));
      }
      return bytes;
    } catch (OutOfMemoryError e) {
      throw new ListFormatException(name, 0, "is too large to read into memory (is it a list file? if it is, give the JVM more"
          + " with COMPACT_JAVA_OPTS=-Xmx...); nothing was loaded");
    }
  }

  /**
   * The content as text: UTF-8 when it is valid UTF-8, else Windows-1252 (which older OFAC files
   * use); a byte-order mark and the trailing Ctrl-Z (0x1A) line OFAC appends are removed.
   */
  String text() {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      text = new String(bytes, WINDOWS_1252);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\u001A' || Character.isWhitespace(text.charAt(end - 1)))) {
      end--;
    }
    return text.substring(0, end);
  }

  /** The text as strict UTF-8, for formats that must be UTF-8 (JSON lines, EU and UK CSV). */
  String utf8Text() {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new ListFormatException(name, lineOfByte(in.position()), "is not valid UTF-8");
    }
    decoder.flush(out);
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private long lineOfByte(int offset) {
    long line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The last segment of the name ("sdn.csv"). */
  String fileName() {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1);
  }

  /** SHA-256 (lower-case hex) of a single source's bytes. */
  String sha256() {
    return hash(new SourceBytes[] {this}, false);
  }

  /**
   * SHA-256 (lower-case hex) over several files of one list version, in the given order, each
   * framed by its name and length so that moving bytes between files changes the hash.
   */
  static String sha256(SourceBytes... sources) {
    return hash(sources, true);
  }

  private static String hash(SourceBytes[] sources, boolean framed) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (SourceBytes s : sources) {
        if (framed) {
          digest.update(s.fileName().getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 0);
          digest.update(ByteBuffer.allocate(Long.BYTES).putLong(s.bytes.length).array());
        }
        digest.update(s.bytes);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
