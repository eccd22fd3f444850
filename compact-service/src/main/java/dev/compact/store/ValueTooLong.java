package dev.compact.store;

/** A value is longer than the record's column allows (PostgreSQL refuses it); nothing was written. */
public final class ValueTooLong extends RuntimeException {
  public ValueTooLong() {
    // Not the database's message, which may quote the value.
    super("a value is longer than the record allows; shorten the longest text or list and send it again", null, false, false);
  }
}
