package dev.compact.store;

import java.time.Instant;

/** An event as the log holds it, with its place in the global order and in the hash chain. */
public record StoredEvent(
    long seq,
    String streamId,
    long streamVersion,
    String type,
    String payload,
    Instant occurredAt,
    Instant recordedAt,
    String actor,
    String prevHash,
    String hash) {}
