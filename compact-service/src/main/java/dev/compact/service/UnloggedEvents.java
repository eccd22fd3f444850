package dev.compact.service;

/**
 * Events without a leaf in the transparency log, found at start after the log had signed a
 * checkpoint: the service writes each event's leaf with it, so they were written to the database
 * outside the service. The service refuses to sign them into the log unless told to.
 */
public final class UnloggedEvents extends RuntimeException {
  public UnloggedEvents(String message) {
    super(message);
  }
}
