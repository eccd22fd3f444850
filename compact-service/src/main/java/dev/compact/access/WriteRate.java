package dev.compact.access;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast one account may write, through the API or the dashboard alike: a token bucket per
 * account that refills at {@code perSecond} up to {@code burst}. It measures elapsed time, not the
 * service clock, since a test clock that jumps a day must not refill it.
 */
public final class WriteRate {
  private final double perSecond;
  private final double burst;
  private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>();

  public WriteRate(double perSecond, double burst) {
    if (!(perSecond > 0) || !(burst >= 1)) {
      throw new IllegalArgumentException("compact.write-rate must be above 0 and compact.write-burst at least 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
  }

  public double perSecond() {
    return perSecond;
  }

  /** Takes one write from the account's bucket; false when it is empty. */
  public boolean admit(String account) {
    long now = System.nanoTime();
    double[] bucket = buckets.computeIfAbsent(account, a -> new double[] {burst, now});
    synchronized (bucket) {
      bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) / 1e9 * perSecond);
      bucket[1] = now;
      if (bucket[0] < 1) {
        return false;
      }
      bucket[0] -= 1;
      return true;
    }
  }

  /** Writes beyond the rate: refused before anything is recorded. */
  public static final class TooFast extends RuntimeException {
    public TooFast(String account, double perSecond) {
      super(account + " writes faster than " + perSecond + " per second; nothing was recorded, retry shortly", null, false, false);
    }
  }
}
