package dev.compact.engine;

import dev.compact.agreements.PartyCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A norm instance as it stands at one moment: who is bound to what, by when, and how far it got.
 * {@code kind} is commitment, obligation, power, prohibition or measure; {@code fulfilledBy} the kind of act
 * that fulfils an obligation or measure (consultation-held, measures-decided, allocation, delivery), else empty.
 */
public record NormInstance(
    InstanceId id,
    String kind,
    String action,
    String fulfilledBy,
    State state,
    Optional<Instant> activatedAt,
    Optional<Instant> due,
    String deadline,
    Optional<Progress> progress,
    List<PartyCode> blockedBy,
    Optional<Instant> settledAt) {

  public NormInstance {
    blockedBy = List.copyOf(blockedBy);
  }

  /** One line: "gbr-ukr-2024/gbr-consult/GBR@c1  fulfilled  due 2025-...". */
  public String describe() {
    StringBuilder line = new StringBuilder(id.key()).append("  ").append(state.keyword());
    due.ifPresent(d -> line.append("  due ").append(Timestamps.format(d)));
    progress.ifPresent(p -> line.append("  ").append(p.describe()));
    if (!blockedBy.isEmpty()) {
      line.append("  blocked by ").append(String.join(", ", blockedBy.stream().map(PartyCode::value).toList()));
    }
    return line.toString();
  }
}
