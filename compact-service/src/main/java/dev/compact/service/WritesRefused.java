package dev.compact.service;

/**
 * The record takes no writes: the transparency log refuses to sign (its stored tree no longer
 * extends the latest checkpoint it signed), so no checkpoint would ever cover what is written.
 * Nothing was recorded; the API answers 503.
 */
public final class WritesRefused extends RuntimeException {
  public WritesRefused(String reason) {
    super(reason, null, false, false);
  }
}
