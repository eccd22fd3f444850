package dev.compact.log;

/**
 * The log's key does not verify the checkpoints the database holds (or is missing while they
 * exist). The service refuses to start rather than sign with another key: checkpoints of a new
 * key would not extend, for any witness or verifier, what the old key signed.
 */
public final class LogKeyRefused extends RuntimeException {
  public LogKeyRefused(String message) {
    super(message);
  }
}
