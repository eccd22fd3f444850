package dev.compact.access;

import java.time.Duration;

/**
 * The value of a {@code Retry-After} header for a wait: whole seconds (RFC 9110 allows no fraction), rounded up and at
 * least one, so that a client that waits exactly as long as told is not refused again because the header was rounded
 * down, and never told 0 while the limit still holds.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /** The seconds to wait: {@code wait} rounded up to a whole second, at least 1. */
  public static long seconds(Duration wait) {
    if (wait.compareTo(Duration.ofSeconds(1)) <= 0) {
      return 1;
    }
    long whole = wait.getSeconds();
    return wait.getNano() == 0 ? whole : whole + 1;
  }

  /** The header's value for {@code wait}. */
  public static String header(Duration wait) {
    return Long.toString(seconds(wait));
  }
}
