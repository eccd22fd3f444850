package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The envelope that list and index snapshots share decides alone whether a snapshot file is whole
 * and undamaged, so the damage it must refuse is tested here once, for both; {@code
 * ListSnapshotsTests} and {@code IndexSnapshotsTests} test that each kind of snapshot goes through it
 * (a damaged file is rebuilt and rewritten).
 */
class SnapshotFrameTests {
  private static final byte[] MAGIC = {'T', 'E', 'S', 'T'};

  private static byte[] payload() {
    byte[] payload = new byte[200_000];
    new Random(3).nextBytes(payload);
    return payload;
  }

  private static Optional<byte[]> unwrap(byte[] bytes, byte[] magic, int format, String key) {
    return SnapshotFrame.unwrap(bytes, magic, format, key).map(b -> {
      byte[] read = new byte[b.remaining()];
      b.get(read);
      return read;
    });
  }

  @Test
  void givesBackThePayloadItWrapped() {
    byte[] payload = payload();

    assertThat(unwrap(SnapshotFrame.wrap(MAGIC, 1, "k", payload), MAGIC, 1, "k")).hasValue(payload);
    assertThat(SnapshotFrame.unwrap(SnapshotFrame.wrap(MAGIC, 1, "k", new byte[0]), MAGIC, 1, "k"))
        .get().extracting(ByteBuffer::remaining).isEqualTo(0);
  }

  @Test
  void anotherMagicFormatOrKeyIsRefused() {
    byte[] bytes = SnapshotFrame.wrap(MAGIC, 1, "k", payload());

    assertThat(unwrap(bytes, new byte[] {'C', 'P', 'L', 'S'}, 1, "k")).isEmpty();
    assertThat(unwrap(bytes, MAGIC, 2, "k")).isEmpty();
    assertThat(unwrap(bytes, MAGIC, 1, "another key")).isEmpty();
  }

  @Test
  void anyFlippedBitOrTruncationIsRefusedNeverMisread() {
    byte[] bytes = SnapshotFrame.wrap(MAGIC, 1, "k", payload());
    Random random = new Random(17);
    List<Integer> positions = new ArrayList<>(List.of(0, 3, 4, 8, 9, 20, bytes.length / 2, bytes.length - 33,
        bytes.length - 32, bytes.length - 1));
    for (int i = 0; i < 200; i++) {
      positions.add(random.nextInt(bytes.length));
    }
    for (int at : positions) {
      byte[] flipped = bytes.clone();
      flipped[at] ^= (byte) (1 << random.nextInt(8));
      assertThat(unwrap(flipped, MAGIC, 1, "k")).as("bit flipped at byte %d", at).isEmpty();
    }
    for (int length : new int[] {0, 1, 4, 40, bytes.length / 3, bytes.length - 32, bytes.length - 1}) {
      assertThat(unwrap(Arrays.copyOf(bytes, length), MAGIC, 1, "k")).as("cut to %d bytes", length).isEmpty();
    }
    assertThat(unwrap(Arrays.copyOf(bytes, bytes.length + 1), MAGIC, 1, "k")).as("one byte more").isEmpty();
  }
}
