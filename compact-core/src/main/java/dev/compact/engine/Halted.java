package dev.compact.engine;

/** Raised inside a fold when an event cannot be processed; becomes the outcome's halt. */
final class Halted extends Exception {
  /** True when the message is about the event being applied, which the halt then names (see {@link Outcome.Halt}). */
  final boolean namesEvent;
  /** Why; the same text as the message, kept here because {@code getMessage()} may be null in general. */
  final String reason;

  Halted(String message) {
    this(false, message);
  }

  Halted(boolean namesEvent, String message) {
    super(message, null, false, false);
    this.namesEvent = namesEvent;
    this.reason = message;
  }
}
