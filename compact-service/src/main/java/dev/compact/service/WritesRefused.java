package dev.compact.service;

/**
 * The record takes no writes: the transparency log refuses to sign (its stored tree no longer
 * extends the latest checkpoint it signed), so no checkpoint would ever cover what is written.
 * Nothing was recorded; the API and the dashboard answer 503, the command line exits with code 3.
 */
public final class WritesRefused extends RuntimeException {
  public WritesRefused(String reason) {
    super(reason, null, false, false);
  }

  /** What every way in says, the API, the dashboard and the command line alike: why, that nothing was recorded, what to do. */
  public String explanation() {
    return "the record no longer extends the transparency log's latest signed checkpoint, so no checkpoint would cover this write: "
        + getMessage() + "; nothing was recorded. The operator should find the altered or removed events with compact verify --db URL"
        + " --trust KEYS and restore them (docs/transparency.md)";
  }
}
