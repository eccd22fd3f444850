package dev.compact.screening;

import java.util.Locale;

/**
 * How one attribute beside the name moved the score.
 *
 * @param qualifier date-of-birth, country, gender, identifier or alias
 * @param detail what was compared, in words
 * @param adjustment added to the score (negative lowers it); 0 when the attribute agreed
 */
public record QualifierEffect(String qualifier, String detail, double adjustment) {

  public String describe() {
    return String.format(Locale.ROOT, "%s: %s (%+.2f)", qualifier, detail, adjustment);
  }
}
