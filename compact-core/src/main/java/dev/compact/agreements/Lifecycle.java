package dev.compact.agreements;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Dates in an agreement's life as the treaty record gives them: initialled, signed, ratified per party, in force. */
public record Lifecycle(
    Optional<LocalDate> initialled,
    Optional<LocalDate> signed,
    SortedMap<PartyCode, LocalDate> ratified,
    Optional<LocalDate> inForce) {

  public Lifecycle {
    ratified = new TreeMap<>(ratified);
  }

  public static Lifecycle draft() {
    return new Lifecycle(Optional.empty(), Optional.empty(), new TreeMap<>(), Optional.empty());
  }

  /** The furthest stage the recorded dates show. */
  public Status status() {
    if (inForce.isPresent()) {
      return Status.IN_FORCE;
    }
    if (!ratified.isEmpty()) {
      return Status.RATIFIED;
    }
    if (signed.isPresent()) {
      return Status.SIGNED;
    }
    if (initialled.isPresent()) {
      return Status.INITIALLED;
    }
    return Status.DRAFT;
  }

  public Map<PartyCode, LocalDate> ratifiedView() {
    return java.util.Collections.unmodifiableSortedMap(ratified);
  }

  /** Lifecycle stages; suspension and termination happen at run time and belong to the engine. */
  public enum Status {
    DRAFT,
    INITIALLED,
    SIGNED,
    RATIFIED,
    IN_FORCE
  }
}
