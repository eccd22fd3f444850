package dev.compact.transparency;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a tree being built leaf by leaf: one hash per set bit of its size, enough for
 * its root at every size on the way. A verifier that recomputes a million-leaf tree keeps about
 * twenty hashes, not the tree.
 */
public final class Frontier {
  private final List<byte[]> hashes = new ArrayList<>();
  private final List<Integer> levels = new ArrayList<>();
  private long size;

  /** Receives each perfect subtree that an append completes, so that a verifier can hold stored ones against it. */
  @FunctionalInterface
  public interface Completed {
    /** The subtree of {@code 2^level} leaves at {@code index} on its level (level 1 and up) has {@code hash}. */
    void subtree(int level, long index, byte[] hash);
  }

  public void append(byte[] leafHash) {
    append(leafHash, (level, index, hash) -> { });
  }

  /** Appends a leaf and tells {@code completed} of every subtree it completes, smallest first. */
  public void append(byte[] leafHash, Completed completed) {
    byte[] hash = leafHash;
    int level = 0;
    long end = size + 1;
    while (!levels.isEmpty() && levels.getLast() == level) {
      hash = Hashes.node(hashes.removeLast(), hash);
      levels.removeLast();
      level++;
      completed.subtree(level, (end >> level) - 1, hash);
    }
    hashes.add(hash);
    levels.add(level);
    size++;
  }

  public long size() {
    return size;
  }

  /** The root of the leaves appended so far. */
  public byte[] root() {
    if (hashes.isEmpty()) {
      return Hashes.emptyRoot();
    }
    byte[] root = hashes.getLast();
    for (int i = hashes.size() - 2; i >= 0; i--) {
      root = Hashes.node(hashes.get(i), root);
    }
    return root;
  }
}
