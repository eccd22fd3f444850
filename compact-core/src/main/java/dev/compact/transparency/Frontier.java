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

  public void append(byte[] leafHash) {
    byte[] hash = leafHash;
    int level = 0;
    while (!levels.isEmpty() && levels.getLast() == level) {
      hash = Hashes.node(hashes.removeLast(), hash);
      levels.removeLast();
      level++;
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
