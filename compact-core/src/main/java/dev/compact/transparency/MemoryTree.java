package dev.compact.transparency;

import java.util.ArrayList;
import java.util.List;

/**
 * A tree held in memory, built leaf by leaf: what a verifier of an export or a benchmark needs. It
 * keeps every perfect subtree, about two hashes per leaf.
 */
public final class MemoryTree implements NodeSource {
  private final List<List<byte[]>> levels = new ArrayList<>();
  private long size;

  /** Appends a leaf hash ({@link Hashes#leaf} of the leaf's bytes). */
  public void append(byte[] leafHash) {
    for (MerkleTree.StoredNode made : MerkleTree.completedBy(size, leafHash, this)) {
      if (levels.size() == made.level()) {
        levels.add(new ArrayList<>());
      }
      levels.get(made.level()).add(made.hash());
    }
    size++;
  }

  public long size() {
    return size;
  }

  public byte[] root() {
    return MerkleTree.root(size, this);
  }

  public byte[] root(long atSize) {
    if (atSize > size) {
      throw new IllegalArgumentException("the tree has " + size + " leaves, not " + atSize);
    }
    return MerkleTree.root(atSize, this);
  }

  @Override
  public byte[] node(int level, long index) {
    if (level >= levels.size() || index >= levels.get(level).size()) {
      throw new IllegalArgumentException("no complete subtree at level " + level + ", index " + index);
    }
    return levels.get(level).get((int) index);
  }
}
