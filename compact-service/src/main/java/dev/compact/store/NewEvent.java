package dev.compact.store;

import java.time.Instant;

/** An event to append: its type, its payload as canonical JSON, when it happened and who recorded it. */
public record NewEvent(String type, String payload, Instant occurredAt, String actor) {}
