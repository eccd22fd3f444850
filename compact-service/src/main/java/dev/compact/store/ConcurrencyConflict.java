package dev.compact.store;

/** The stream moved on since the caller read it: another write came first. Nothing was written. */
public final class ConcurrencyConflict extends RuntimeException {
  private final String streamId;
  private final long expected;
  private final long actual;

  public ConcurrencyConflict(String streamId, long expected, long actual) {
    super("stream " + streamId + " is at version " + actual + ", not " + expected);
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }

  public String streamId() {
    return streamId;
  }

  public long expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }
}
