package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list file is read whole, but never past what a list can be: {@code /dev/zero} or an endless pipe
 * given as a list ended in the JVM's OutOfMemoryError and its stack trace (audit round 4, B2); it is
 * now a {@link ListFormatException}, which every command says in one line.
 */
class SourceBytesTests {

  @Test
  void anEndlessDeviceIsRefusedNamingItInsteadOfFillingTheMemory() {
    ListFormatException refused = catchThrowableOfType(ListFormatException.class,
        () -> SourceBytes.read(Path.of("/dev/zero"), 1 << 20));

    assertThat(refused.getMessage()).isEqualTo("/dev/zero: holds more than 1,048,576 bytes, more than a list file can be read as"
        + " (is it a list file?); nothing was loaded");
  }

  @Test
  void aFileOfExactlyTheLimitIsReadAndOneByteMoreIsRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("un.xml");
    Files.write(file, new byte[1024]);

    assertThat(SourceBytes.read(file, 1024).bytes()).hasSize(1024);
    assertThat(catchThrowableOfType(ListFormatException.class, () -> SourceBytes.read(file, 1023)).getMessage())
        .contains("holds more than 1,023 bytes");
    assertThat(catchThrowableOfType(ListFormatException.class, () -> SourceBytes.read(dir.resolve("none.xml"))).getMessage())
        .endsWith("none.xml: no such file");
  }
}
