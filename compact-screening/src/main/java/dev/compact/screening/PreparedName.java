package dev.compact.screening;

import java.util.List;

/**
 * A name with what the alignment asks of each part computed once: the parts as an array, their
 * kinship roles, which are patronymics and which are written in Han or Hangul. The query of a
 * screening is prepared once and compared with hundreds of listed names; per pair of parts
 * nothing is recomputed.
 */
final class PreparedName {
  final NormalisedName name;
  final NamePart[] parts;
  final int[] roles;
  final boolean[] patronymic;
  final boolean[] eastAsian;
  final boolean empty;
  /**
   * The index's id of each part ({@link ScreeningIndex} numbers the distinct parts of its names),
   * by which a query memoises its part similarities; null for a query.
   */
  final int[] ids;
  /** Kept here, not read through {@code name}: one object less to fetch per listed name. */
  private final NameKind kind;

  PreparedName(NormalisedName name) {
    this(name, null);
  }

  PreparedName(NormalisedName name, int[] ids) {
    this.name = name;
    this.ids = ids;
    this.kind = name.kind();
    List<NamePart> list = name.parts();
    int n = list.size();
    parts = list.toArray(new NamePart[0]);
    roles = roles(list);
    boolean[] patronymics = new boolean[n];
    boolean[] eastAsians = new boolean[n];
    boolean anyPatronymic = false;
    boolean anyEastAsian = false;
    boolean identifying = false;
    for (int k = 0; k < n; k++) {
      NamePart part = parts[k];
      patronymics[k] = patronymic(part);
      eastAsians[k] = KoreanReadings.isEastAsian(part.original());
      anyPatronymic |= patronymics[k];
      anyEastAsian |= eastAsians[k];
      identifying |= part.kind() == PartKind.WORD || part.kind() == PartKind.NUMBER;
    }
    // An index prepares every listed name once; most have neither, and share one array.
    patronymic = anyPatronymic ? patronymics : none(n);
    eastAsian = anyEastAsian ? eastAsians : none(n);
    empty = !identifying;
  }

  List<NamePart> list() {
    return name.parts();
  }

  NameKind kind() {
    return kind;
  }

  static final int NO_ROLE = Integer.MIN_VALUE;
  private static final boolean[][] NONE = new boolean[17][];
  private static final int[][] NO_ROLES = new int[17][];

  static {
    for (int n = 0; n < NONE.length; n++) {
      NONE[n] = new boolean[n];
      NO_ROLES[n] = new int[n];
      java.util.Arrays.fill(NO_ROLES[n], NO_ROLE);
    }
  }

  /** All false, shared for short names; never written to. */
  private static boolean[] none(int n) {
    return n < NONE.length ? NONE[n] : new boolean[n];
  }

  /** Particles that make the next name the father's: "bin", "ibn", "bint", "ould". */
  private static final java.util.Set<String> KINSHIP = java.util.Set.of("bin", "ibn", "bint",
      "binti", "bte", "ben", "ould", "walad", "ibnu");

  private static final java.util.regex.Pattern PATRONYMIC = java.util.regex.Pattern.compile(
      "[a-z]{2,}(ovich?|evich?|ovych?|evych?|ovitch|evitch|ovna|evna|ivna|ichna)");

  /**
   * The generation of each part when the name has a kinship particle between two names ("Ahmad
   * bin Ali": 0 for Ahmad, 1 for Ali), {@link #NO_ROLE} for every part when it has none: a name
   * without particles says nothing about whose name each part is.
   */
  private static int[] roles(List<NamePart> parts) {
    boolean kinship = false;
    // Only a particle between two names marks roles; one at either end ("Salman Mohammed bin")
    // is a name written out of order.
    for (int i = 1; i + 1 < parts.size(); i++) {
      kinship |= kinship(parts.get(i).text()) && parts.get(i + 1).isContent();
    }
    if (!kinship) {
      return parts.size() < NO_ROLES.length ? NO_ROLES[parts.size()] : noRoles(parts.size());
    }
    int[] roles = new int[parts.size()];
    int generation = 0;
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0 && kinship(parts.get(i).text())) {
        generation++;
      }
      roles[i] = generation;
    }
    return roles;
  }

  private static int[] noRoles(int n) {
    int[] roles = new int[n];
    java.util.Arrays.fill(roles, NO_ROLE);
    return roles;
  }

  /** A kinship particle; every one has three to five letters. */
  private static boolean kinship(String text) {
    return text.length() >= 3 && text.length() <= 5 && KINSHIP.contains(text);
  }

  /** A Slavic patronymic ("Petrovich", "Sergeyevna"): a father's name, not a surname. */
  private static boolean patronymic(NamePart part) {
    if (part.kind() != PartKind.WORD) {
      return false;
    }
    // Every patronymic ending ends in c, h or a: most words are ruled out without the pattern.
    String text = part.text();
    char last = text.charAt(text.length() - 1);
    return (last == 'c' || last == 'h' || last == 'a') && PATRONYMIC.matcher(text).matches();
  }
}
