package dev.compact.transparency;

/**
 * The hashes of the tree's perfect subtrees: {@code node(level, index)} covers leaves
 * {@code index * 2^level} up to (not including) {@code (index + 1) * 2^level}; level 0 holds the
 * leaf hashes. A log stores each one once, when its last leaf arrives, and never changes it; any
 * root or proof needs O(log n) of them.
 */
@FunctionalInterface
public interface NodeSource {
  byte[] node(int level, long index);
}
