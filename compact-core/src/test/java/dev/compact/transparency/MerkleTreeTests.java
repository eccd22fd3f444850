package dev.compact.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tree, its proofs and their verification against the RFC 6962 reference vectors (leaf inputs,
 * roots, audit paths and consistency proofs as published in transparency-dev/merkle, testonly and
 * its inmemory tree_test.go, generated from certificate-transparency's C++ reference) and against
 * a naive tree built straight from RFC 9162's definitions.
 */
class MerkleTreeTests {
  static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
  static final String[] ROOTS = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

  record PathVector(long leaf, long size, String... path) {}

  static final List<PathVector> PATHS = List.of(
      new PathVector(0, 1),
      new PathVector(1, 2, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
      new PathVector(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
      new PathVector(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
      new PathVector(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
      new PathVector(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));

  static final List<PathVector> CONSISTENCY = List.of(
      new PathVector(1, 1),
      new PathVector(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
      new PathVector(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
      new PathVector(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));

  static MemoryTree referenceTree() {
    MemoryTree tree = new MemoryTree();
    for (String leaf : LEAVES) {
      tree.append(Hashes.leaf(HexFormat.of().parseHex(leaf)));
    }
    return tree;
  }

  static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(Hashes::hex).toList();
  }

  static List<byte[]> unhex(String... hashes) {
    return java.util.Arrays.stream(hashes).map(Hashes::unhex).toList();
  }

  @Test
  void rootsMatchTheReferenceVectorsAtEverySize() {
    MemoryTree tree = referenceTree();
    assertThat(Hashes.hex(tree.root(0))).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    for (int size = 1; size <= 8; size++) {
      assertThat(Hashes.hex(tree.root(size))).as("root of %d", size).isEqualTo(ROOTS[size - 1]);
    }
  }

  @Test
  void inclusionProofsMatchTheReferenceVectorsAndVerify() {
    MemoryTree tree = referenceTree();
    for (PathVector vector : PATHS) {
      List<byte[]> proof = MerkleTree.inclusion(vector.leaf(), vector.size(), tree);
      assertThat(hex(proof)).as("path of %d in %d", vector.leaf(), vector.size()).containsExactly(vector.path());
      byte[] leaf = Hashes.leaf(HexFormat.of().parseHex(LEAVES[(int) vector.leaf()]));
      assertThat(Proofs.inclusion(vector.leaf(), vector.size(), leaf, unhex(vector.path()), Hashes.unhex(ROOTS[(int) vector.size() - 1])))
          .isTrue();
    }
    byte[] leaf5 = Hashes.leaf(HexFormat.of().parseHex(LEAVES[5]));
    List<byte[]> path = unhex(PATHS.get(3).path());
    assertThat(Proofs.inclusion(4, 8, leaf5, path, Hashes.unhex(ROOTS[7]))).as("wrong index").isFalse();
    assertThat(Proofs.inclusion(5, 6, leaf5, path, Hashes.unhex(ROOTS[7]))).as("wrong size").isFalse();
    assertThat(Proofs.inclusion(5, 5, leaf5, path, Hashes.unhex(ROOTS[7]))).as("beyond the tree").isFalse();
    assertThat(Proofs.inclusion(5, 8, leaf5, path.subList(0, 2), Hashes.unhex(ROOTS[7]))).as("short proof").isFalse();
    assertThat(Proofs.inclusion(5, 8, leaf5, path, Hashes.unhex(ROOTS[6]))).as("other root").isFalse();
  }

  @Test
  void consistencyProofsMatchTheReferenceVectorsAndVerify() {
    MemoryTree tree = referenceTree();
    for (PathVector vector : CONSISTENCY) {
      List<byte[]> proof = MerkleTree.consistency(vector.leaf(), vector.size(), tree);
      assertThat(hex(proof)).as("proof %d to %d", vector.leaf(), vector.size()).containsExactly(vector.path());
      assertThat(Proofs.consistency(vector.leaf(), vector.size(), unhex(vector.path()), Hashes.unhex(ROOTS[(int) vector.leaf() - 1]),
          Hashes.unhex(ROOTS[(int) vector.size() - 1]))).isTrue();
    }
    List<byte[]> proof = unhex(CONSISTENCY.get(2).path());
    assertThat(Proofs.consistency(6, 8, proof, Hashes.unhex(ROOTS[4]), Hashes.unhex(ROOTS[7]))).as("other first root").isFalse();
    assertThat(Proofs.consistency(6, 8, proof, Hashes.unhex(ROOTS[5]), Hashes.unhex(ROOTS[6]))).as("other second root").isFalse();
    assertThat(Proofs.consistency(5, 8, proof, Hashes.unhex(ROOTS[5]), Hashes.unhex(ROOTS[7]))).as("other size").isFalse();
    assertThat(Proofs.consistency(6, 8, List.of(), Hashes.unhex(ROOTS[5]), Hashes.unhex(ROOTS[7]))).as("empty proof").isFalse();
  }

  /** RFC 9162's MTH, written out directly. */
  static byte[] naiveRoot(List<byte[]> leaves) {
    if (leaves.isEmpty()) {
      return Hashes.emptyRoot();
    }
    if (leaves.size() == 1) {
      return leaves.getFirst();
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    return Hashes.node(naiveRoot(leaves.subList(0, k)), naiveRoot(leaves.subList(k, leaves.size())));
  }

  @Test
  void everyProofOfRandomTreesVerifiesAndMatchesTheNaiveTree() {
    Random random = new Random(11);
    MemoryTree tree = new MemoryTree();
    Frontier frontier = new Frontier();
    List<byte[]> leaves = new ArrayList<>();
    for (int n = 1; n <= 140; n++) {
      byte[] data = new byte[random.nextInt(20)];
      random.nextBytes(data);
      leaves.add(Hashes.leaf(data));
      tree.append(leaves.getLast());
      frontier.append(leaves.getLast());
      byte[] root = naiveRoot(leaves);
      assertThat(tree.root()).as("root of %d", n).isEqualTo(root);
      assertThat(frontier.root()).as("frontier root of %d", n).isEqualTo(root);
      for (int i = 0; i < n; i++) {
        assertThat(Proofs.inclusion(i, n, leaves.get(i), MerkleTree.inclusion(i, n, tree), root)).as("leaf %d of %d", i, n).isTrue();
      }
      for (int m = 0; m <= n; m++) {
        List<byte[]> proof = MerkleTree.consistency(m, n, tree);
        byte[] before = naiveRoot(leaves.subList(0, m));
        assertThat(Proofs.consistency(m, n, proof, before, root)).as("%d to %d", m, n).isTrue();
        if (m > 0 && m < n) {
          byte[] other = leaves.get(random.nextInt(m)).clone();
          other[0] ^= 1;
          List<byte[]> changed = new ArrayList<>(leaves.subList(0, m));
          changed.set(random.nextInt(m), other);
          assertThat(Proofs.consistency(m, n, proof, naiveRoot(changed), root)).as("rewritten history %d to %d", m, n).isFalse();
        }
      }
    }
  }

  @Test
  void proofsReadLogarithmicallyManyNodes() {
    long size = 1_000_003;
    assertThat(MerkleTree.nodesFor(nodes -> MerkleTree.inclusion(123_456, size, nodes))).hasSizeLessThanOrEqualTo(2 * 21);
    assertThat(MerkleTree.nodesFor(nodes -> MerkleTree.consistency(654_321, size, nodes))).hasSizeLessThanOrEqualTo(3 * 21);
    assertThat(MerkleTree.nodesFor(nodes -> MerkleTree.root(size, nodes))).hasSizeLessThanOrEqualTo(21);
  }
}
