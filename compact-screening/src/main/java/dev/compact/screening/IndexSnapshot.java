package dev.compact.screening;

import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctions.SnapshotFrame;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A built {@link ScreeningIndex} in a compact binary form, so that a run whose lists were indexed
 * before skips normalising their names, the costly part of the build: the shell keeps these files
 * beside the list snapshots, keyed by the lists and the matcher's code, and hands the bytes in.
 *
 * <p>What is stored is the output of {@link NameNormaliser} for every listed name, in the order the
 * build asks for them, each with the name and kind it was asked for. {@link #restore} runs the
 * ordinary build over the lists it is given with those answers in place of the normaliser, checking
 * every question against the stored one: the postings, identifiers and everything else are built
 * from the lists by the same code as always, and lists that differ from those the snapshot was
 * written for (a name changed, added, removed or moved, another schema) are refused rather than
 * indexed with another list's names. The normaliser's own answers are trusted, so the key must
 * change with its code and data.
 *
 * <p>The format, version {@value #FORMAT}: the magic bytes {@code CPIX} in a {@link SnapshotFrame}
 * (format version, key, length, SHA-256) around the payload. The payload is a
 * table of distinct strings, a table of distinct name parts (strings as indexes into the first),
 * and each name as its original, kind and part indexes. As with list snapshots, the digest catches
 * accidental damage (a torn write, a truncated or flipped file); it is no signature.
 */
public final class IndexSnapshot {

  /** The format version; any change to the layout below changes it. */
  public static final int FORMAT = 1;

  private static final byte[] MAGIC = {'C', 'P', 'I', 'X'};
  private static final PartKind[] PART_KINDS = PartKind.values();
  private static final NameKind[] NAME_KINDS = NameKind.values();

  private IndexSnapshot() {}

  /**
   * An index and its snapshot's bytes.
   *
   * @param index the index, as {@link ScreeningIndex#build} gives it
   * @param bytes its snapshot, written for the key given to {@link #build}
   */
  public record Built(ScreeningIndex index, byte[] bytes) {}

  /** Builds the index of {@code lists} as {@link ScreeningIndex#build} does, and its snapshot for {@code key}. */
  public static Built build(List<SanctionsList> lists, String key) {
    List<NormalisedName> answers = new ArrayList<>();
    ScreeningIndex index = ScreeningIndex.build(lists, (name, kind) -> {
      NormalisedName normalised = NameNormaliser.normalise(name, kind);
      answers.add(normalised);
      return normalised;
    });
    return new Built(index, encode(answers, key));
  }

  /**
   * The index of {@code lists} from a snapshot of the same lists written for {@code key}, or empty
   * when the bytes are not a whole, undamaged snapshot of this format for this key, or were written
   * for other lists.
   */
  public static Optional<ScreeningIndex> restore(byte[] bytes, String key, List<SanctionsList> lists) {
    Optional<NormalisedName[]> answers = decode(bytes, key);
    if (answers.isEmpty()) {
      return Optional.empty();
    }
    Replay replay = new Replay(answers.get());
    try {
      ScreeningIndex index = ScreeningIndex.build(lists, replay::answer);
      return replay.finished() ? Optional.of(index) : Optional.empty();
    } catch (OtherLists e) {
      return Optional.empty();
    }
  }

  /** Gives the stored answers back in order, as long as each question is the one they answered. */
  private static final class Replay {
    private final NormalisedName[] answers;
    private int next;

    Replay(NormalisedName[] answers) {
      this.answers = answers;
    }

    NormalisedName answer(String name, NameKind kind) {
      if (next == answers.length) {
        throw new OtherLists();
      }
      NormalisedName answer = answers[next];
      if (answer.kind() != kind || !answer.original().equals(name == null ? "" : name)) {
        throw new OtherLists();
      }
      next++;
      return answer;
    }

    boolean finished() {
      return next == answers.length;
    }
  }

  /** The lists being indexed are not those the snapshot was written for. */
  private static final class OtherLists extends RuntimeException {
    OtherLists() {
      super(null, null, false, false);
    }
  }

  static byte[] encode(List<NormalisedName> names, String key) {
    try {
      Map<String, Integer> strings = new HashMap<>();
      List<String> stringTable = new ArrayList<>();
      Map<NamePart, Integer> parts = new HashMap<>();
      List<NamePart> partTable = new ArrayList<>();
      ByteArrayOutputStream nameBytes = new ByteArrayOutputStream(names.size() * 16);
      DataOutputStream n = new DataOutputStream(nameBytes);
      n.writeInt(names.size());
      for (NormalisedName name : names) {
        n.writeInt(index(strings, stringTable, name.original()));
        n.writeByte(name.kind().ordinal());
        n.writeInt(name.parts().size());
        for (NamePart part : name.parts()) {
          n.writeInt(index(parts, partTable, part));
        }
      }
      ByteArrayOutputStream partBytes = new ByteArrayOutputStream(partTable.size() * 48);
      DataOutputStream p = new DataOutputStream(partBytes);
      p.writeInt(partTable.size());
      for (NamePart part : partTable) {
        p.writeInt(index(strings, stringTable, part.text()));
        p.writeInt(index(strings, stringTable, part.original()));
        p.writeByte(part.kind().ordinal());
        p.writeBoolean(part.abjad());
        p.writeInt(index(strings, stringTable, part.phonetic()));
        p.writeInt(index(strings, stringTable, part.folded()));
        p.writeLong(part.letters());
        p.writeLong(part.foldedLetters());
        p.writeInt(part.number());
        p.writeInt(part.variants().size());
        for (String variant : part.variants()) {
          p.writeInt(index(strings, stringTable, variant));
        }
      }
      n.flush();
      p.flush();
      ByteArrayOutputStream payload = new ByteArrayOutputStream(nameBytes.size() + partBytes.size() + (1 << 18));
      DataOutputStream out = new DataOutputStream(payload);
      out.writeInt(stringTable.size());
      for (String s : stringTable) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
      partBytes.writeTo(out);
      nameBytes.writeTo(out);
      out.flush();

      return SnapshotFrame.wrap(MAGIC, FORMAT, key, payload.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }

  private static <T> int index(Map<T, Integer> index, List<T> table, T value) {
    return index.computeIfAbsent(value, v -> {
      table.add(v);
      return table.size() - 1;
    });
  }

  /** The stored answers, or empty when the bytes are not a whole snapshot of this format for this key. */
  static Optional<NormalisedName[]> decode(byte[] bytes, String key) {
    Optional<ByteBuffer> payload = SnapshotFrame.unwrap(bytes, MAGIC, FORMAT, key);
    if (payload.isEmpty()) {
      return Optional.empty();
    }
    try {
      ByteBuffer in = payload.get();
      String[] strings = new String[count(in)];
      for (int i = 0; i < strings.length; i++) {
        int length = count(in);
        strings[i] = new String(bytes, in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
      }
      NamePart[] parts = new NamePart[count(in)];
      for (int i = 0; i < parts.length; i++) {
        String text = strings[in.getInt()];
        String original = strings[in.getInt()];
        PartKind kind = PART_KINDS[in.get()];
        boolean abjad = bool(in);
        String phonetic = strings[in.getInt()];
        String folded = strings[in.getInt()];
        long letters = in.getLong();
        long foldedLetters = in.getLong();
        int number = in.getInt();
        String[] variants = new String[count(in)];
        for (int k = 0; k < variants.length; k++) {
          variants[k] = strings[in.getInt()];
        }
        parts[i] = new NamePart(text, original, kind, abjad, phonetic, folded, letters, foldedLetters, number,
            List.of(variants));
      }
      NormalisedName[] names = new NormalisedName[count(in)];
      for (int i = 0; i < names.length; i++) {
        String original = strings[in.getInt()];
        NameKind kind = NAME_KINDS[in.get()];
        NamePart[] nameParts = new NamePart[count(in)];
        for (int k = 0; k < nameParts.length; k++) {
          nameParts[k] = parts[in.getInt()];
        }
        names[i] = new NormalisedName(original, kind, List.of(nameParts));
      }
      return in.hasRemaining() ? Optional.empty() : Optional.of(names);
    } catch (RuntimeException e) {
      // Past the digest only a snapshot forged with a matching digest gets here; refused all the same.
      return Optional.empty();
    }
  }

  /** A count, which can be no more than the bytes left: a forged one must not allocate gigabytes. */
  private static int count(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new IllegalArgumentException("count out of range");
    }
    return n;
  }

  private static boolean bool(ByteBuffer in) {
    byte b = in.get();
    if (b != 0 && b != 1) {
      throw new IllegalArgumentException("not a boolean");
    }
    return b == 1;
  }
}
