package dev.compact.sanctions;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A SHA-256 over compiled code and its resources, whether they sit in a jar (plain or nested in
 * Spring Boot's) or in a classes folder: the part of a snapshot's key that changes with the code
 * that wrote it, so that a snapshot written by other code is never read back as current.
 */
public final class CodeFingerprint {
  private CodeFingerprint() {}

  /**
   * The fingerprint of every entry under {@code prefixes} (such as {@code "dev/compact/sanctions/"})
   * in the jar or folder that {@code anchor} was loaded from, names and bytes in name order; empty
   * when the code cannot be read, and then snapshots are not used.
   */
  public static Optional<String> of(Class<?> anchor, String... prefixes) {
    URL self = anchor.getResource(anchor.getSimpleName() + ".class");
    if (self == null) {
      return Optional.empty();
    }
    MessageDigest digest = sha256();
    try {
      URLConnection connection = self.openConnection();
      if (connection instanceof JarURLConnection jar) {
        JarFile file = jar.getJarFile();
        List<JarEntry> entries = file.stream().filter(e -> !e.isDirectory() && under(e.getName(), prefixes))
            .sorted(Comparator.comparing(JarEntry::getName)).toList();
        for (JarEntry entry : entries) {
          try (InputStream in = file.getInputStream(entry)) {
            update(digest, entry.getName());
            digest.update(in.readAllBytes());
          }
        }
        if (!jar.getUseCaches()) {
          file.close();
        }
      } else if ("file".equals(self.getProtocol())) {
        Path root = Path.of(self.toURI()).getParent();
        for (int i = anchor.getPackageName().split("\\.").length; i > 0; i--) {
          root = root.getParent();
        }
        List<Path> files = new ArrayList<>();
        for (String prefix : prefixes) {
          Path folder = root.resolve(prefix);
          if (Files.isDirectory(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
              walk.filter(Files::isRegularFile).forEach(files::add);
            }
          }
        }
        Path base = root;
        files.sort(Comparator.comparing(f -> base.relativize(f).toString().replace('\\', '/')));
        for (Path f : files) {
          update(digest, base.relativize(f).toString().replace('\\', '/'));
          digest.update(Files.readAllBytes(f));
        }
      } else {
        return Optional.empty();
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().formatHex(digest.digest()));
  }

  private static boolean under(String name, String[] prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Adds a string, length first, so that two strings can never hash as their concatenation. */
  public static void update(MessageDigest digest, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(utf8.length).array());
    digest.update(utf8);
  }

  /** A SHA-256 digest; every JDK has one. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
