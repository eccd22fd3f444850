package dev.compact.access;

import java.util.List;

/**
 * What a reader may see. Anyone sees public records; an account with a desk or the secretariat sees
 * restricted ones; only the secretariat sees secret ones.
 */
public enum Clearance {
  PUBLIC,
  RESTRICTED,
  SECRET;

  public static Clearance of(Actor actor) {
    if (actor == null) {
      return PUBLIC;
    }
    if (actor.system() || actor.roles().contains(new Role.Secretariat())) {
      return SECRET;
    }
    return actor.roles().stream().anyMatch(r -> r instanceof Role.GuarantorDesk || r instanceof Role.ProtectedDesk) ? RESTRICTED : PUBLIC;
  }

  /** The most classified records this clearance may read. */
  public dev.compact.agreements.Classification upTo() {
    return switch (this) {
      case PUBLIC -> dev.compact.agreements.Classification.PUBLIC;
      case RESTRICTED -> dev.compact.agreements.Classification.RESTRICTED;
      case SECRET -> dev.compact.agreements.Classification.SECRET;
    };
  }

  /** The classification keywords this clearance may read. */
  public List<String> visible() {
    return switch (this) {
      case PUBLIC -> List.of("public");
      case RESTRICTED -> List.of("public", "restricted");
      case SECRET -> List.of("public", "restricted", "secret");
    };
  }
}
