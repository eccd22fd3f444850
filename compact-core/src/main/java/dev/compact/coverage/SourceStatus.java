package dev.compact.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How firm a clause's {@code source:} is, read from the way it is written.
 *
 * <p>A source is {@code unverified} when it begins with {@code unverified:} (then says what could not
 * be confirmed and, after {@code Found:}, what was found instead), {@code illustrative} when it
 * begins with {@code illustrative:} (a drafting exercise, not a real text), and verified otherwise,
 * in which case it must give a public address. The markers sit at the start so that every reader,
 * rendering and export shows them first, never buried inside a citation.
 */
public enum SourceStatus {
  VERIFIED("verified"),
  UNVERIFIED("unverified"),
  ILLUSTRATIVE("illustrative"),
  MISSING("no source"),
  /** An entry from an agreement's header (its term, its ending conditions), whose source is the text itself. */
  HEADER("agreement header");

  public static final String UNVERIFIED_PREFIX = "unverified:";
  public static final String ILLUSTRATIVE_PREFIX = "illustrative:";
  private static final Pattern ADDRESS = Pattern.compile("https?://\\S+");

  private final String label;

  SourceStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static SourceStatus of(String source) {
    String s = source == null ? "" : source.strip();
    if (s.isEmpty()) {
      return MISSING;
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith(UNVERIFIED_PREFIX)) {
      return UNVERIFIED;
    }
    if (lower.startsWith(ILLUSTRATIVE_PREFIX)) {
      return ILLUSTRATIVE;
    }
    return VERIFIED;
  }

  /**
   * What is wrong with how a source is written, empty when nothing is: a missing source, a doubt
   * written inside what reads as a verified source, a verified source without an address, an
   * unverified one that does not say what was found.
   */
  public static List<String> problems(String source) {
    List<String> problems = new ArrayList<>();
    String s = source == null ? "" : source.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    switch (of(s)) {
      case MISSING -> problems.add("the clause has no source");
      case VERIFIED -> {
        if (lower.contains("unverified") || lower.contains("illustrative")) {
          problems.add("the source is marked unverified or illustrative inside the text but presented as verified: "
              + "begin it with '" + UNVERIFIED_PREFIX + "' or '" + ILLUSTRATIVE_PREFIX + "'");
        }
        if (!ADDRESS.matcher(s).find()) {
          problems.add("a verified source must give the public address (https://...) where the text or its summary is published");
        }
      }
      case UNVERIFIED -> {
        if (!lower.contains("found:")) {
          problems.add("an unverified source must say what was found instead, after 'Found:'");
        }
      }
      case ILLUSTRATIVE, HEADER -> { }
    }
    return problems;
  }
}
