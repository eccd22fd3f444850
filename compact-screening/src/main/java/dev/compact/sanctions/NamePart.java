package dev.compact.sanctions;

/** One part of a structured name, as the source gives it. */
public record NamePart(NamePartType type, String value) {

  public NamePart {
    if (type == null) {
      throw new IllegalArgumentException("a name part needs a type");
    }
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a name part must not be blank");
    }
    value = value.strip();
  }
}
