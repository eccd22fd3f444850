package dev.compact.text;

/**
 * A value a message repeats back (an error naming what was wrong, a log line naming what a peer sent).
 * It may be a megabyte long, or carry characters that are not what they look like: control
 * characters (a NUL, a bell, an escape that a terminal obeys) and invisible formatting ones (a
 * right-to-left override that reorders what follows). So it comes back cut to a length, with its
 * total length said, and with each such character written as {@code \\u202E}, visible and inert.
 * One rule for every message: four helpers did this before, each its own way.
 */
public final class Shown {
  /** The most characters of a submitted value an error repeats: a date is ten, an id rarely more than forty. */
  public static final int LIMIT = 40;

  private Shown() {}

  /** {@code value} as an error repeats it, at most {@value #LIMIT} characters of it. */
  public static String value(String value) {
    return value(value, LIMIT);
  }

  /**
   * {@code value} as a message repeats it: whole when it has at most {@code limit} characters (after
   * the escapes), else its first {@code limit} and its length; a pair of UTF-16 units that make one
   * character is never split.
   */
  public static String value(String value, int limit) {
    StringBuilder shown = new StringBuilder(Math.min(value.length(), limit) + 16);
    int i = 0;
    while (i < value.length()) {
      int c = value.codePointAt(i);
      String piece = invisible(c) ? String.format("\\u%04X", c) : new String(Character.toChars(c));
      if (shown.length() + piece.length() > limit) {
        return shown + "... (" + value.length() + " characters)";
      }
      shown.append(piece);
      i += Character.charCount(c);
    }
    return shown.toString();
  }

  /** A character that shows nothing or acts rather than shows: controls, formatting, separators, a lone surrogate. */
  private static boolean invisible(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
      default -> false;
    };
  }
}
