package dev.compact.sanctions;

import java.util.List;

/**
 * One name of an entity: its full text, its strength and, when the source gives them, its parts.
 *
 * @param full the whole name as published
 * @param strength primary name, alias or weak alias
 * @param parts the structured parts in the order the source gives them; empty when it gives none
 * @param originalScript whether the source marks this as the name in its original (non-Latin)
 *     script, as the UN does; the matcher should not expect Latin transliterations to resemble it
 */
public record EntityName(
    String full, NameStrength strength, List<NamePart> parts, boolean originalScript) {

  public EntityName {
    if (full == null || full.isBlank()) {
      throw new IllegalArgumentException("a name must not be blank");
    }
    if (strength == null) {
      throw new IllegalArgumentException("a name needs a strength");
    }
    full = full.strip();
    parts = List.copyOf(parts);
  }

  /** A name without parts, not marked as original script. */
  public static EntityName of(String full, NameStrength strength) {
    return new EntityName(full, strength, List.of(), false);
  }

  /** The primary name {@code full}. */
  public static EntityName primary(String full) {
    return of(full, NameStrength.PRIMARY);
  }

  /** The values of the parts of the given type, in source order. */
  public List<String> partsOf(NamePartType type) {
    return parts.stream().filter(p -> p.type() == type).map(NamePart::value).toList();
  }
}
