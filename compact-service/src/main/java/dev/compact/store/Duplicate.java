package dev.compact.store;

/** The write would record something the record already holds, or raced another write; nothing was written. */
public final class Duplicate extends RuntimeException {
  public Duplicate(String message) {
    super(message);
  }
}
