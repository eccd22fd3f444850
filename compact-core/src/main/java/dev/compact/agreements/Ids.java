package dev.compact.agreements;

import java.util.regex.Pattern;

/** The shape every id in the language shares: lower-case words joined by hyphens. */
final class Ids {
  static final Pattern PATTERN = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  private Ids() {}

  static boolean valid(String id) {
    return id != null && id.length() <= 80 && PATTERN.matcher(id).matches();
  }
}
