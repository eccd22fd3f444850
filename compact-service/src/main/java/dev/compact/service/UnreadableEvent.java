package dev.compact.service;

import dev.compact.store.StoredEvent;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event of the record that this service cannot read: changed after it was written (its chain then
 * no longer matches), or written by a newer version of Compact. Names the event by its place, stream
 * and type, and the reader's complaint in one line; the parser's exception stays as the cause. At
 * start it stops the start ({@link UnreadableEventAnalyzer}); met by a read while the service runs, the
 * answer that needs it is refused with 503 rather than given without it.
 */
public final class UnreadableEvent extends RuntimeException {
  /** What an operator does about it, for the start's report, the log and the refused answers alike. */
  public static final String WHAT_TO_DO = "Check the record with compact verify --db URL: an event changed after it was written breaks"
      + " the hash chain there, and verify names the first one. If the chain is intact, the event was written by a newer version of"
      + " Compact: serve the record with that version. Nothing was changed.";

  /**
   * The events already logged, by their message: a read that meets one fails the same way at every answer until an
   * operator acts, and the log says it once (per event and process), not once per answer.
   */
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private final long seq;

  public UnreadableEvent(StoredEvent stored, RuntimeException cause) {
    this(stored.seq(), stored.streamId(), stored.type(), stored.recordedAt(), cause);
  }

  /** The same for an event read as columns rather than as a whole {@link StoredEvent}. */
  public UnreadableEvent(long seq, String streamId, String type, Instant recordedAt, RuntimeException cause) {
    super("the record holds an event this service cannot read: event " + seq + " (stream " + streamId + ", " + type + ", recorded "
        + recordedAt + "): " + firstLine(cause), cause);
    this.seq = seq;
  }

  /** The event's place in the log. */
  public long seq() {
    return seq;
  }

  /** True the first time this event is reported in this process: the caller logs it then, in one line. */
  public boolean firstReport() {
    return LOGGED.add(getMessage());
  }

  private static String firstLine(RuntimeException cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse(message).strip();
  }
}
