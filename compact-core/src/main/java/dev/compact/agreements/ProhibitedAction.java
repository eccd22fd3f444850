package dev.compact.agreements;

/** What a prohibition forbids until its condition holds. */
public enum ProhibitedAction {
  /** Easing or lifting sanctions packages. */
  EASE_SANCTIONS,
  /** Releasing immobilised assets of the aggressor state. */
  RELEASE_FROZEN_ASSETS,
  /** Imposing caps on the protected state's armed forces (a duty of guarantors: the Kyiv Compact's "no caps"). */
  LIMIT_ARMED_FORCES,
  /** Joining a military alliance (the Istanbul texts' permanent neutrality). */
  JOIN_ALLIANCE,
  /** Hosting foreign military bases or forces on one's territory. */
  HOST_FOREIGN_FORCES,
  /** Keeping armed forces above the clause's {@code cap} (the Istanbul drafts' caps on Ukraine's forces). */
  EXCEED_FORCE_CAP,
  /** Acquiring or holding nuclear weapons. */
  ACQUIRE_NUCLEAR_WEAPONS
}
