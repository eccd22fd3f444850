package dev.compact.engine;

/** Raised inside a fold when an event cannot be processed; becomes the outcome's halt. */
final class Halted extends Exception {
  /** True when the message is about the event being applied, which the halt then names (see {@link Outcome.Halt}). */
  final boolean namesEvent;

  Halted(String message) {
    this(false, message);
  }

  Halted(boolean namesEvent, String message) {
    super(message, null, false, false);
    this.namesEvent = namesEvent;
  }
}
