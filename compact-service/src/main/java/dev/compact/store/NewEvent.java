package dev.compact.store;

import java.time.Instant;

/**
 * An event to append: its type, its payload as canonical JSON, when it happened, who recorded it,
 * and who may read it (public, restricted, secret), which its leaf in the transparency log commits to.
 */
public record NewEvent(String type, String payload, Instant occurredAt, String actor, String classification) {
  public NewEvent(String type, String payload, Instant occurredAt, String actor) {
    this(type, payload, occurredAt, actor, "public");
  }
}
