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

  /** The classification keywords this clearance may read. */
  public List<String> visible() {
    return switch (this) {
      case PUBLIC -> List.of("public");
      case RESTRICTED -> List.of("public", "restricted");
      case SECRET -> List.of("public", "restricted", "secret");
    };
  }
}
