package dev.compact.service;

/** A guarded write found, once it held the lock, that it was no longer needed. */
final class NothingToRecord extends RuntimeException {
  NothingToRecord() {
    super("nothing to record", null, false, false);
  }
}
