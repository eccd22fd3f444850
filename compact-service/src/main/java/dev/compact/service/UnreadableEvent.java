package dev.compact.service;

import dev.compact.store.StoredEvent;

/**
 * An event of the record that this service cannot read: changed after it was written (its chain then
 * no longer matches), or written by a newer version of Compact. Names the event by its place, stream
 * and type, and the reader's complaint in one line; the parser's exception stays as the cause.
 */
public final class UnreadableEvent extends RuntimeException {
  public UnreadableEvent(StoredEvent stored, RuntimeException cause) {
    super("the record holds an event this service cannot read: event " + stored.seq() + " (stream " + stored.streamId() + ", "
        + stored.type() + ", recorded " + stored.recordedAt() + "): " + firstLine(cause), cause);
  }

  private static String firstLine(RuntimeException cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse(message).strip();
  }
}
