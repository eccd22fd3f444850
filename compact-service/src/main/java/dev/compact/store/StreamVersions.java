package dev.compact.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The streams' versions as this store's last commit left them, so that a batch need not read a
 * stream's version from the log when nobody else appended since: they hold only while the chain head
 * is still where that commit left it (another instance that appends moves it), and are forgotten
 * otherwise. At most {@link #LIMIT} streams, the least recently used forgotten first.
 */
final class StreamVersions {
  static final int LIMIT = 10_000;

  private final Map<String, Long> versions = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > LIMIT;
    }
  };
  /** The head's seq the versions hold at; -1 when none are known. */
  private long validAt = -1;

  /** The stream's version when the head is still at {@code headSeq}; empty when not known. */
  synchronized OptionalLong get(long headSeq, String streamId) {
    Long version = headSeq == validAt ? versions.get(streamId) : null;
    return version == null ? OptionalLong.empty() : OptionalLong.of(version);
  }

  /** A batch that began at {@code fromSeq} committed at {@code toSeq} with these versions (learnt or written). */
  synchronized void committed(long fromSeq, long toSeq, Map<String, Long> batch) {
    if (validAt != fromSeq) {
      versions.clear();
    }
    versions.putAll(batch);
    validAt = toSeq;
  }
}
