package dev.compact.sources;

import dev.compact.agreements.CompactSources;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.SourceFile;
import dev.compact.agreements.SourcePosition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Reads a compact folder (compact.md and agreements/*.md) or a single agreement file. */
public final class CompactFolder {
  /** Files larger than this are refused before they are read into memory. */
  public static final long MAX_FILE_BYTES = 4_000_000;

  private CompactFolder() {}

  public static CompactSources read(Path folder) {
    List<Diagnostic> problems = new ArrayList<>();
    String root = display(folder);
    if (!Files.isDirectory(folder)) {
      problems.add(problem(root, "no such compact folder", "give the folder that holds compact.md"));
      return new CompactSources(root, Optional.empty(), List.of(), problems);
    }
    Path compactFile = folder.resolve("compact.md");
    Optional<SourceFile> compact = Files.isRegularFile(compactFile) ? file(compactFile, problems) : Optional.empty();
    List<SourceFile> agreements = new ArrayList<>();
    Path agreementsDir = folder.resolve("agreements");
    if (Files.isDirectory(agreementsDir)) {
      try (Stream<Path> files = Files.list(agreementsDir)) {
        for (Path path : files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList()) {
          file(path, problems).ifPresent(agreements::add);
        }
      } catch (IOException e) {
        problems.add(problem(display(agreementsDir), "cannot list the folder: " + e.getMessage(), null));
      }
    }
    return new CompactSources(root, compact, agreements, problems);
  }

  /** Reads one file as UTF-8, or reports why it cannot. */
  public static Optional<SourceFile> file(Path path, List<Diagnostic> problems) {
    String name = display(path);
    try {
      if (!Files.isRegularFile(path)) {
        problems.add(problem(name, "no such file", null));
        return Optional.empty();
      }
      if (Files.size(path) > MAX_FILE_BYTES) {
        problems.add(problem(name, "the file is larger than " + MAX_FILE_BYTES / 1_000_000 + " MB", "check that this is an agreement file"));
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(path);
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      return Optional.of(new SourceFile(name, text));
    } catch (CharacterCodingException e) {
      problems.add(problem(name, "the file is not valid UTF-8 text", "save it as UTF-8"));
      return Optional.empty();
    } catch (IOException e) {
      problems.add(problem(name, "cannot read the file: " + e.getMessage(), null));
      return Optional.empty();
    }
  }

  private static Diagnostic problem(String path, String message, @Nullable String hint) {
    return new Diagnostic(Diagnostic.Severity.ERROR, new SourcePosition(path, 1, 1), message, Optional.ofNullable(hint));
  }

  /** Paths as the user typed them, relative where possible, so diagnostics are short and clickable. */
  private static String display(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
  }
}
