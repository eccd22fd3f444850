package dev.compact.agreements;

import java.util.regex.Pattern;

/** The shape every id in the language shares: lower-case words joined by hyphens. */
final class Ids {
  static final Pattern PATTERN = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  private Ids() {}

  static boolean valid(String id) {
    if (id == null || id.isEmpty() || id.length() > 80) {
      return false;
    }
    // PATTERN, checked by hand: every id of every clause passes here. Hyphens only between words.
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean word = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
      if (!word && (c != '-' || i == 0 || i == id.length() - 1 || id.charAt(i - 1) == '-')) {
        return false;
      }
    }
    return true;
  }
}
