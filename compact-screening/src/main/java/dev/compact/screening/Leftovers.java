package dev.compact.screening;

import java.util.List;

/** What is left over on one side after the alignment, read in one pass over its parts. */
final class Leftovers {
  private final NamePart[] parts;
  private final boolean[] used;
  boolean content;
  boolean legalForm;
  boolean number;

  Leftovers(NamePart[] parts, boolean[] used) {
    this.parts = parts;
    this.used = used;
    for (int k = 0; k < parts.length; k++) {
      if (!used[k]) {
        NamePart part = parts[k];
        content |= part.isContent();
        legalForm |= part.kind() == PartKind.LEGAL_FORM;
        number |= part.number() >= 0;
      }
    }
  }

  void collect(List<NamePart> out) {
    for (int k = 0; k < parts.length; k++) {
      if (!used[k]) {
        out.add(parts[k]);
      }
    }
  }

  /** The leftover content parts are all qualifiers, and there is at least one. */
  boolean allQualifiers(boolean numbers) {
    if (!content) {
      return false;
    }
    for (int k = 0; k < parts.length; k++) {
      if (!used[k] && parts[k].isContent() && !isQualifier(parts[k], numbers)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the part tells related organisations apart: a country, city, region or branch word,
   * or (outside vessel names, where "Grace 1" is "Grace") a number: "Bowne Global Solutions II".
   */
  static boolean isQualifier(NamePart part, boolean numbers) {
    return part.isContent() && (EntityWords.isQualifier(part.text())
        || numbers && part.number() >= 0);
  }

  static List<NamePart> qualifiers(List<NamePart> parts) {
    return parts.stream().filter(p -> isQualifier(p, true)).toList();
  }

  /**
   * {@code name}'s content parts are all generic words and the other name has distinctive content
   * left over: "Trading Company" inside "Northern Lights Trading Company".
   */
  static boolean genericInside(NamePart[] name, NamePart[] other, boolean[] otherUsed) {
    boolean content = false;
    for (NamePart part : name) {
      if (part.isContent()) {
        if (!EntityWords.isGeneric(part.text())) {
          return false;
        }
        content = true;
      }
    }
    if (!content) {
      return false;
    }
    for (int k = 0; k < other.length; k++) {
      NamePart p = other[k];
      if (!otherUsed[k] && p.isContent() && !EntityWords.isGeneric(p.text())
          && !EntityWords.isQualifier(p.text())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Weight of the parts left over, in part order; a leftover that repeats an aligned part costs
   * little, and with {@code qualified} the qualifiers are left out (the cap judges them).
   */
  static double leftover(NamePart[] all, boolean[] used, boolean qualified,
      double share, boolean legalConflict) {
    double total = 0;
    for (int at = 0; at < all.length; at++) {
      NamePart part = all[at];
      if (used[at] || qualified && isQualifier(part, true)) {
        continue;
      }
      boolean repeated = false;
      for (int k = 0; k < all.length; k++) {
        if (used[k] && all[k].text().equals(part.text())) {
          repeated = true;
          break;
        }
      }
      // A leftover Han or Hangul syllable is a given name the other lacks ("Bo Bin Xu" is not
      // "Bin Xu"), not an optional middle name.
      double partShare = part.kind() == PartKind.LEGAL_FORM && legalConflict
          || KoreanReadings.isEastAsian(part.original()) ? NameComparator.CONFLICT : share;
      total += part.weight() * (repeated ? NameComparator.REPEATED : partShare);
    }
    return total;
  }
}
