package dev.compact.screening;

import java.util.HashMap;
import java.util.Map;

/**
 * The listed names as primitive arrays, for the part of ranking that rules names out
 * ({@link ScoreBound#mayReach(PreparedName, NameTable, int, PartMemo, double)}): each name's part
 * ids one after another, and per distinct part what the bound asks of it packed in one long.
 *
 * <p>Why: at a million entities a query looks at some 270 listed names to keep about nine, and
 * each name's prepared form, its arrays and its parts were objects scattered over a heap of
 * hundreds of megabytes, so ruling a name out cost several cache misses. Here an entity's names
 * are adjacent: ruling them out reads one run of ints and the rows of parts already met.
 */
final class NameTable {

  /** Per name, where its header sits in {@link #flat}; its part ids follow the header. */
  private final int[] start;
  /** Headers ({@link #header}) and part ids, name after name. */
  private final int[] flat;
  /** Each distinct part, by id, to compute a query's similarity with it the first time. */
  private final NamePart[] parts;
  /** The names as objects, for the rare joined-word and acronym links the arrays cannot rule out. */
  private final PreparedName[] names;
  /** Whether each part is written in Han or Hangul (see {@link PreparedName#eastAsian}). */
  private final boolean[] eastAsian;
  /** Per part id: kind, qualifier and variants flags, first letter, length, text id. */
  private final long[] info;
  /** Per part id, {@link LinkSignature#STRIDE} longs from {@code id * STRIDE}. */
  private final long[] signatures;

  private NameTable(int[] start, int[] flat, NamePart[] parts, PreparedName[] names,
      boolean[] eastAsian, long[] info, long[] signatures) {
    this.start = start;
    this.flat = flat;
    this.parts = parts;
    this.names = names;
    this.eastAsian = eastAsian;
    this.info = info;
    this.signatures = signatures;
  }

  /** Builds the table of prepared listed names whose ids number {@code parts} in order. */
  static NameTable of(PreparedName[] names, NamePart[] parts, boolean[] weakAlias) {
    int[] start = new int[names.length + 1];
    int size = 0;
    for (int n = 0; n < names.length; n++) {
      start[n] = size;
      size += 1 + names[n].ids.length;
    }
    start[names.length] = size;
    int[] flat = new int[size];
    for (int n = 0; n < names.length; n++) {
      PreparedName name = names[n];
      flat[start[n]] = header(name.kind(), weakAlias[n], name.empty, name.ids.length);
      System.arraycopy(name.ids, 0, flat, start[n] + 1, name.ids.length);
    }
    return of(start, flat, parts, names);
  }

  /**
   * A table of one name, its parts numbered by position (whatever its {@link PreparedName#ids}):
   * a query's, so that {@link ScoreBound} reads both sides of a pair the one way, or a name outside
   * any index.
   */
  static NameTable of(PreparedName name) {
    int n = name.parts.length;
    int[] flat = new int[n + 1];
    flat[0] = header(name.kind(), false, name.empty, n);
    for (int k = 0; k < n; k++) {
      flat[k + 1] = k;
    }
    return of(new int[] {0, n + 1}, flat, name.parts, new PreparedName[] {name});
  }

  private static NameTable of(int[] start, int[] flat, NamePart[] parts, PreparedName[] names) {
    boolean[] eastAsian = new boolean[parts.length];
    long[] info = new long[parts.length];
    long[] signatures = new long[parts.length * LinkSignature.STRIDE];
    Map<String, Integer> texts = new HashMap<>();
    for (int id = 0; id < parts.length; id++) {
      NamePart part = parts[id];
      eastAsian[id] = KoreanReadings.isEastAsian(part.original());
      Integer text = texts.putIfAbsent(part.text(), texts.size());
      info[id] = pack(part, text == null ? texts.size() - 1 : text);
      LinkSignature.write(part, eastAsian[id], signatures, id * LinkSignature.STRIDE);
    }
    return new NameTable(start, flat, parts, names, eastAsian, info, signatures);
  }

  /**
   * A name's header: its kind, whether it is a weak alias or empty, and how many parts follow,
   * so that the names can be walked one after another without {@link #start}.
   */
  private static int header(NameKind kind, boolean weakAlias, boolean empty, int parts) {
    return kind.ordinal() | (weakAlias ? WEAK : 0) | (empty ? EMPTY : 0) | parts << SIZE_SHIFT;
  }

  private static final int KIND_MASK = 3;
  private static final int WEAK = 4;
  private static final int EMPTY = 8;
  private static final int SIZE_SHIFT = 4;
  private static final NameKind[] NAME_KINDS = NameKind.values();
  private static final PartKind[] PART_KINDS = PartKind.values();

  /** Text ids from here up mean "compare the strings": the packed field is full. */
  static final int NO_TEXT_ID = (1 << 24) - 1;

  private static long pack(NamePart part, int textId) {
    String text = part.text();
    long first = text.isEmpty() ? 0 : text.charAt(0);
    long length = Math.min(text.length(), 0xFFFF);
    return part.kind().ordinal()
        | (Leftovers.isQualifier(part, true) ? QUALIFIER : 0)
        | (part.variants().isEmpty() ? 0 : VARIANTS)
        | first << 8
        | length << 24
        | (long) Math.min(textId, NO_TEXT_ID) << 40;
  }

  private static final long QUALIFIER = 8;
  private static final long VARIANTS = 16;

  int names() {
    return start.length - 1;
  }

  /** Where the name's header sits in {@link #flat()}; its part ids follow it. */
  int header(int name) {
    return start[name];
  }

  /** Where the name after the one whose header is at {@code header} has its header. */
  int nextHeader(int header) {
    return header + 1 + partsAt(header);
  }

  /** How many parts the name whose header is at {@code header} has. */
  int partsAt(int header) {
    return flat[header] >>> SIZE_SHIFT;
  }

  NameKind kindAt(int header) {
    return NAME_KINDS[flat[header] & KIND_MASK];
  }

  boolean weakAliasAt(int header) {
    return (flat[header] & WEAK) != 0;
  }

  boolean emptyAt(int header) {
    return (flat[header] & EMPTY) != 0;
  }

  /** Where the name's part ids begin in {@link #flat()}. */
  int first(int name) {
    return start[name] + 1;
  }

  /** How many parts the name has. */
  int size(int name) {
    return start[name + 1] - start[name] - 1;
  }

  int[] flat() {
    return flat;
  }

  NameKind kind(int name) {
    return NAME_KINDS[flat[start[name]] & KIND_MASK];
  }

  boolean weakAlias(int name) {
    return (flat[start[name]] & WEAK) != 0;
  }

  /** A name with no word or number: it never matches. */
  boolean empty(int name) {
    return (flat[start[name]] & EMPTY) != 0;
  }

  /** The name as objects. */
  PreparedName prepared(int name) {
    return names[name];
  }

  NamePart part(int id) {
    return parts[id];
  }

  boolean eastAsian(int id) {
    return eastAsian[id];
  }

  /** The parts' link signatures (see {@link LinkSignature}), part {@code id} at id × stride. */
  long[] signatures() {
    return signatures;
  }

  long info(int id) {
    return info[id];
  }

  static PartKind kind(long info) {
    return PART_KINDS[(int) (info & 7)];
  }

  /** As {@link NamePart#weight()}. */
  static double weight(long info) {
    return NamePart.weightOf(kind(info));
  }

  /** As {@link NamePart#isContent()}. */
  static boolean isContent(long info) {
    return NamePart.isContent(kind(info));
  }

  /** As {@code Leftovers.isQualifier(part, true)}. */
  static boolean isQualifier(long info) {
    return (info & QUALIFIER) != 0;
  }

  static boolean hasVariants(long info) {
    return (info & VARIANTS) != 0;
  }

  static char firstLetter(long info) {
    return (char) (info >>> 8 & 0xFFFF);
  }

  /** The text's length, at most 65,535. */
  static int length(long info) {
    return (int) (info >>> 24 & 0xFFFF);
  }

  static int textId(long info) {
    return (int) (info >>> 40);
  }

  /** Whether two parts have the same text. */
  boolean sameText(int a, int b) {
    int ta = textId(info[a]);
    int tb = textId(info[b]);
    if (ta != NO_TEXT_ID && tb != NO_TEXT_ID) {
      return ta == tb;
    }
    return parts[a].text().equals(parts[b].text());
  }
}
