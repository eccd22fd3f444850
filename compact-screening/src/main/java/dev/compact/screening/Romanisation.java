package dev.compact.screening;

/**
 * Folds spellings that different romanisation systems give the same sound: "Zelenskyy",
 * "Zelenskij" and "Zelenskiy" all fold to "zelenski", "Mohammed" and "Mohamed" to "mohamed".
 *
 * <p>Used only as a second opinion beside the exact spelling, at a small discount, because
 * folding also brings some genuinely different names closer.
 */
final class Romanisation {

  private Romanisation() {}

  /** Digits written for look-alike letters inside a word ("Ig0r Sech1n"). */
  private static String unLeet(String word) {
    boolean letters = false;
    boolean digits = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      letters |= c >= 'a' && c <= 'z';
      digits |= c >= '0' && c <= '9';
    }
    if (!letters || !digits) {
      return word;
    }
    StringBuilder out = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      out.append(switch (c) {
        case '0' -> 'o';
        case '1' -> 'i';
        case '3' -> 'e';
        case '4' -> 'a';
        case '5' -> 's';
        case '7' -> 't';
        case '8' -> 'b';
        case '9' -> 'g';
        default -> c;
      });
    }
    return out.toString();
  }

  /** The folded form of a lower-case ASCII word. */
  static String fold(String word) {
    word = unLeet(word);
    StringBuilder out = new StringBuilder(word.length());
    int n = word.length();
    for (int i = 0; i < n; i++) {
      char c = word.charAt(i);
      char next = i + 1 < n ? word.charAt(i + 1) : 0;
      String add;
      switch (c) {
        case 'k' -> {
          if (next == 'h') {
            i++;
            add = "h";
          } else {
            add = "k";
          }
        }
        case 'z' -> {
          if (next == 'h') {
            i++;
            add = "j";
          } else {
            add = "z";
          }
        }
        case 's' -> {
          if (next == 'h' && i + 3 < n && word.startsWith("shch", i)) {
            i += 3;
            add = "sc";
          } else if (next == 'h') {
            i++;
            add = "s";
          } else {
            add = "s";
          }
        }
        case 't' -> {
          if (next == 's' || next == 'z') {
            i++;
            add = "c";
          } else if (next == 'h') {
            i++;
            add = "t";
          } else {
            add = "t";
          }
        }
        case 'p' -> {
          if (next == 'h') {
            i++;
            add = "f";
          } else {
            add = "p";
          }
        }
        case 'c' -> add = next == 'k' || next == 'h' ? "k" : "c";
        case 'q' -> add = "k";
        case 'y', 'j' -> add = "i";
        case 'w' -> add = "v";
        case 'o' -> {
          if (next == 'u' || next == 'o') {
            i++;
          }
          add = "u";
        }
        case 'e' -> {
          if (next == 'e') {
            i++;
            add = "i";
          } else {
            add = "e";
          }
        }
        default -> add = String.valueOf(c);
      }
      for (int k = 0; k < add.length(); k++) {
        char a = add.charAt(k);
        if (out.isEmpty() || out.charAt(out.length() - 1) != a) {
          out.append(a);
        }
      }
    }
    return out.toString();
  }

  /**
   * Gendered endings Latvian and Lithuanian add to every name, foreign ones included ("Sergejs
   * Lavrovs", "Sergejus Lavrovas" for Sergey Lavrov; "Lavrovienė", "Lavrovaitė" for a wife and a
   * daughter), as they come out of {@link #fold}: longest first, so that "-ius" is tried before
   * "-us" and "-s".
   */
  private static final String[] BALTIC_ENDINGS = {"iene", "aite", "ite", "ute", "ius", "as", "is",
      "us", "s"};

  /** Stems shorter than this are too short to say that a name is the same bare of its ending. */
  private static final int BALTIC_MIN_STEM = 4;

  /**
   * Whether a folded word may have {@link #balticStems}: every ending ends in "s" or "e" and
   * leaves a stem of at least four letters, so most words are ruled out before any list is made.
   */
  static boolean mayEndBaltic(String folded) {
    int length = folded.length();
    return length > BALTIC_MIN_STEM
        && (folded.charAt(length - 1) == 's' || folded.charAt(length - 1) == 'e');
  }

  /**
   * The stems of a folded word bare of each Baltic ending it ends with: "lavrovs" gives "lavrov",
   * "sergeius" gives "sergei" (from "-us") and "serge" (from "-ius"). Empty when it ends with
   * none or the stem would be too short.
   */
  static java.util.List<String> balticStems(String folded) {
    if (!mayEndBaltic(folded)) {
      return java.util.List.of();
    }
    java.util.List<String> stems = new java.util.ArrayList<>(2);
    for (String ending : BALTIC_ENDINGS) {
      if (folded.length() - ending.length() >= BALTIC_MIN_STEM && folded.endsWith(ending)) {
        stems.add(folded.substring(0, folded.length() - ending.length()));
      }
    }
    return stems;
  }

  /**
   * The ASCII text of a word with the caron letters of its original written as the digraphs
   * English romanisation of Cyrillic uses: Latvian, Lithuanian, Czech and Croatian "Prigožins",
   * "Sečins", "Ševčenko" are Prigozhin, Sechin and Shevchenko, which plain ASCII folding turns
   * into "prigozins" and "secins". Only when the ASCII text is letter for letter the original
   * (otherwise the positions cannot be matched up and the text is kept).
   */
  static String caronsAsDigraphs(String text, String original) {
    if (original.length() != text.length()) {
      return text;
    }
    StringBuilder out = null;
    for (int i = 0; i < original.length(); i++) {
      String digraph = switch (original.charAt(i)) {
        case '\u010d' -> "ch";
        case '\u0161' -> "sh";
        case '\u017e' -> "zh";
        default -> null;
      };
      if (digraph != null && out == null) {
        out = new StringBuilder(text.length() + 2).append(text, 0, i);
      }
      if (out != null) {
        out.append(digraph != null ? digraph : String.valueOf(text.charAt(i)));
      }
    }
    return out == null ? text : out.toString();
  }
}
