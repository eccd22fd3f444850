package dev.compact;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's example compacts, found from wherever Maven runs the tests (the module folder or
 * the repository root): the one place the service's tests look for them.
 */
public final class Examples {
  private Examples() {}

  /** The {@code examples} folder. */
  public static Path folder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples").resolve("kyiv-compact"))) {
        return dir.resolve("examples");
      }
    }
    throw new IllegalStateException("no examples/kyiv-compact above " + Path.of("").toAbsolutePath());
  }

  /** One example compact, such as {@code kyiv-compact}. */
  public static Path compact(String name) {
    Path compact = folder().resolve(name);
    if (!Files.isDirectory(compact)) {
      throw new IllegalStateException("no examples/" + name);
    }
    return compact;
  }
}
