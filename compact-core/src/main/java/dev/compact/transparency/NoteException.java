package dev.compact.transparency;

/** A note, key, checkpoint or proof that is malformed or does not verify; the message says which and why. */
public final class NoteException extends IllegalArgumentException {
  public NoteException(String message) {
    super(message);
  }
}
