package dev.compact.service;

/** The request names something the record does not hold. */
public final class NotFound extends RuntimeException {
  public NotFound(String what) {
    super(what);
  }
}
