package dev.compact.agreements;

/** The SHA-256 of an agreement version's canonical form, in lower-case hex. */
public record VersionHash(String hex) {
  /** The first 16 hex digits, enough to tell versions apart on screen. */
  public String shortForm() {
    return hex.substring(0, 16);
  }

  @Override
  public String toString() {
    return "sha256:" + hex;
  }
}
