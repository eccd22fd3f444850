package dev.compact.transparency;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Roots and proofs of the RFC 9162 tree of the first {@code size} leaves (section 2.1), computed
 * from stored perfect subtrees: each answer reads O(log n) nodes, however large the tree. Which nodes
 * an answer needs does not depend on their values, so a caller can ask {@link #nodesFor} first and
 * fetch them all at once.
 */
public final class MerkleTree {
  private MerkleTree() {}

  /** A perfect subtree: {@code 2^level} leaves from {@code index * 2^level}. */
  public record Node(int level, long index) {}

  /** The root hash of the first {@code size} leaves (the empty root for 0). */
  public static byte[] root(long size, NodeSource nodes) {
    if (size < 0) {
      throw new IllegalArgumentException("a tree size is never negative: " + size);
    }
    return size == 0 ? Hashes.emptyRoot() : range(0, size, nodes);
  }

  /** The audit path of leaf {@code index} in the tree of size {@code size} (RFC 9162, 2.1.3.1). */
  public static List<byte[]> inclusion(long index, long size, NodeSource nodes) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, size, nodes, proof);
    return proof;
  }

  /** The consistency proof from the tree of size {@code from} to the one of size {@code to} (RFC 9162, 2.1.4.1). */
  public static List<byte[]> consistency(long from, long to, NodeSource nodes) {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("no consistency proof from size " + from + " to size " + to);
    }
    List<byte[]> proof = new ArrayList<>();
    if (from > 0 && from < to) {
      subproof(from, 0, to, true, nodes, proof);
    }
    return proof;
  }

  /** The nodes that {@code work} reads, in the order it first reads them. */
  public static Set<Node> nodesFor(java.util.function.Consumer<NodeSource> work) {
    Set<Node> needed = new LinkedHashSet<>();
    byte[] placeholder = new byte[Hashes.SIZE];
    work.accept((level, index) -> {
      needed.add(new Node(level, index));
      return placeholder;
    });
    return needed;
  }

  /** The hash of leaves {@code [start, end)}, as RFC 9162 defines MTH over them. */
  static byte[] range(long start, long end, NodeSource nodes) {
    long n = end - start;
    if (Long.bitCount(n) == 1 && start % n == 0) {
      return nodes.node(Long.numberOfTrailingZeros(n), start / n);
    }
    long k = splitOf(n);
    return Hashes.node(range(start, start + k, nodes), range(start + k, end, nodes));
  }

  private static void path(long index, long start, long end, NodeSource nodes, List<byte[]> proof) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = splitOf(n);
    if (index - start < k) {
      path(index, start, start + k, nodes, proof);
      proof.add(range(start + k, end, nodes));
    } else {
      path(index, start + k, end, nodes, proof);
      proof.add(range(start, start + k, nodes));
    }
  }

  private static void subproof(long m, long start, long end, boolean whole, NodeSource nodes, List<byte[]> proof) {
    long n = end - start;
    if (m == n) {
      if (!whole) {
        proof.add(range(start, end, nodes));
      }
      return;
    }
    long k = splitOf(n);
    if (m <= k) {
      subproof(m, start, start + k, whole, nodes, proof);
      proof.add(range(start + k, end, nodes));
    } else {
      subproof(m - k, start + k, end, false, nodes, proof);
      proof.add(range(start, start + k, nodes));
    }
  }

  /** The largest power of two smaller than {@code n} (n > 1). */
  static long splitOf(long n) {
    return Long.highestOneBit(n - 1);
  }

  /**
   * The nodes that become complete when leaf {@code index} is appended: the leaf itself, then each
   * parent whose right child it completes. {@code leftSibling} gives the already stored left nodes.
   */
  public static List<StoredNode> completedBy(long index, byte[] leafHash, NodeSource leftSibling) {
    return completedBy(index, leafHash, leftSibling, new Hasher());
  }

  /** The same, hashing with {@code hasher} (an appender reuses one for a whole batch). */
  public static List<StoredNode> completedBy(long index, byte[] leafHash, NodeSource leftSibling, Hasher hasher) {
    List<StoredNode> made = new ArrayList<>();
    made.add(new StoredNode(0, index, leafHash));
    byte[] hash = leafHash;
    long at = index;
    int level = 0;
    while ((at & 1) == 1) {
      hash = hasher.node(leftSibling.node(level, at - 1), hash);
      at >>= 1;
      level++;
      made.add(new StoredNode(level, at, hash));
    }
    return made;
  }

  /** A perfect subtree with its hash, as a log stores it. */
  public record StoredNode(int level, long index, byte[] hash) {}
}
