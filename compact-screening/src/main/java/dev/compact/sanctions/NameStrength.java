package dev.compact.sanctions;

/** How much weight a name carries, as the list publishes it. */
public enum NameStrength {
  /** The name the entity is listed under. */
  PRIMARY,
  /** A good-quality alias ("a.k.a.", UN quality "Good", FtM {@code alias}). */
  ALIAS,
  /** A low-quality alias ("f.k.a."-style weak aliases, UN quality "Low", FtM {@code weakAlias}). */
  WEAK_ALIAS
}
