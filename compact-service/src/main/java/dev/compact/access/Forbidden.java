package dev.compact.access;

/** The actor's roles do not allow this write; nothing was written. */
public final class Forbidden extends RuntimeException {
  public Forbidden(String reason) {
    super(reason);
  }
}
