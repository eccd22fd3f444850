package dev.compact.api;

import dev.compact.agreements.Classification;
import dev.compact.commands.Command;
import dev.compact.service.CommandHandler;
import dev.compact.service.Fields;
import dev.compact.store.StoredEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * How every API write hands its command to the command handler and answers: the caller's account,
 * its {@code Idempotency-Key} and {@code If-Match}, the recorded events and the stream's new version
 * as the ETag. Shared by the controllers that write, so that they answer alike.
 */
@Component
class CommandWrites {
  private final CommandHandler commands;

  CommandWrites(CommandHandler commands) {
    this.commands = commands;
  }

  /**
   * Hands the command to the command handler, which stamps it with the time the record takes it.
   * With {@code If-Match} (the ETag the client read), the write is made only if the record is still
   * at that version: otherwise 412 and nothing is written. The answer's ETag is the version the write
   * left the record at.
   */
  ResponseEntity<RecordController.Recorded> write(Command command, String key, HttpServletRequest request, Classification classification) {
    return write(commands, command, key, request, classification);
  }

  /** The same, for a controller that holds the command handler itself. */
  static ResponseEntity<RecordController.Recorded> write(CommandHandler commands, Command command, String key, HttpServletRequest request,
      Classification classification) {
    // A new incident or consultation or a new support entry is created (201); an act about one is 200.
    return write(commands, command, key, request, classification,
        stored -> CommandHandler.creates(command) || command instanceof Command.RecordSupport);
  }

  /**
   * The same, where whether the write created something (201) or changed it (200) is the caller's to tell from the
   * events recorded (those of the first write when a retry with the same Idempotency-Key answers, so the answer is
   * the same).
   */
  static ResponseEntity<RecordController.Recorded> write(CommandHandler commands, Command command, String key, HttpServletRequest request,
      Classification classification, java.util.function.Predicate<List<StoredEvent>> created) {
    Optional<Long> seen = ifMatch(request.getHeader("If-Match"));
    List<StoredEvent> stored;
    try {
      stored = commands.handle(command, ApiAuthentication.actor(request), seen, Optional.ofNullable(key).filter(k -> !k.isBlank()),
          classification);
    } catch (dev.compact.store.ConcurrencyConflict e) {
      if (seen.isPresent()) {
        throw new PreconditionFailed();
      }
      throw e;
    }
    RecordController.Recorded recorded = new RecordController.Recorded(stored.getFirst().streamId(), stored.stream()
        .map(e -> new RecordController.RecordedEvent(e.type(), e.streamVersion(), e.occurredAt(), e.recordedAt(), e.hash())).toList());
    HttpStatus status = created.test(stored) ? HttpStatus.CREATED : HttpStatus.OK;
    return ResponseEntity.status(status).eTag("\"" + stored.getLast().streamVersion() + "\"").body(recorded);
  }

  ResponseEntity<RecordController.Recorded> write(Command command, String key, HttpServletRequest request) {
    return write(command, key, request, Classification.PUBLIC);
  }

  /** When the client says the act took place, if it does. */
  static Optional<Instant> at(String occurredAt) {
    return Fields.optionalInstant(occurredAt, "occurredAt");
  }

  /** The version an If-Match names: a strong ETag as this API gives them ("3"); absent or * expects nothing. */
  static Optional<Long> ifMatch(String header) {
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return Optional.empty();
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*\"(\\d{1,18})\"\\s*").matcher(header);
    if (!m.matches()) {
      throw new IllegalArgumentException("'If-Match' must be one ETag this API gave, such as \"3\" (the version of the record you read)");
    }
    return Optional.of(Long.parseLong(m.group(1)));
  }

  /** The record moved on since the version the client named in If-Match. */
  static final class PreconditionFailed extends RuntimeException {
    PreconditionFailed() {
      super("the record changed since you read it (If-Match); read it again and retry", null, false, false);
    }
  }
}
