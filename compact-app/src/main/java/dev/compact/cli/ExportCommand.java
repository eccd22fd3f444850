package dev.compact.cli;

import dev.compact.log.PublicExport;
import dev.compact.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact export --public DIR}: the record as the public may hold it, verifiable offline with
 * {@code compact verify --export DIR} (format in docs/transparency.md): every leaf in order, public
 * events in full, classified ones as their leaf only, and the checkpoints with their cosignatures.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the public record to a folder that anyone can verify offline (compact verify --export).",
        "Public events in full; classified events as their leaf only (index, type, times, classification, content digest).",
        "Exit code 0 written, 1 an error (nothing written)."})
final class ExportCommand implements Callable<Integer> {
  /** Said when the record changed during a read without locks, before the export is written again under SQLite's locks. */
  static final String AGAIN = "note: the record changed while it was read without locks (nothing had it open when export began), so the"
      + " export could mix the record before and after; writing it again from a read under SQLite's locks";

  @Option(names = "--public", required = true, paramLabel = "DIR", description = "The folder to write (created; must be empty or absent).")
  Path dir;

  @Option(names = "--db", defaultValue = "compact-data/compact.db", description = "The database (as for serve). Default: ${DEFAULT-VALUE}.")
  String db;

  @Option(names = "--checkpoints-only", description = "Leave the leaves out: only the checkpoints (for deployments that do not show"
      + " even where classified events lie).")
  boolean checkpointsOnly;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (DatabaseCommand.missing(db)) {
      err.println("compact export: no database at " + db);
      return 1;
    }
    Path target = dir.toAbsolutePath().normalize();
    try {
      // The export is moved into place as one folder, by a rename onto DIR; a rename onto a link replaces the link (or
      // fails), never fills the folder it points to. Said plainly rather than as the rename's failure on a temporary name.
      if (Files.isSymbolicLink(target)) {
        // A link whose target is gone has no real path: it is named with where it points, not as a failure to write.
        err.println("compact export: " + dir + (Files.exists(target) ? " is a symbolic link; give the folder itself (" + target.toRealPath() + ")"
            : " is a symbolic link to " + target.resolveSibling(Files.readSymbolicLink(target)).normalize()
                + ", which does not exist; give a folder's own path") + "; nothing was written");
        return 1;
      }
      if (Files.exists(target) && (!Files.isDirectory(target) || notEmpty(target))) {
        err.println("compact export: " + dir + " exists and is not an empty folder; not overwriting");
        return 1;
      }
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      err.println("compact export: cannot write " + dir + ": " + OutputFile.reason(e));
      return 1;
    }
    // Written in a folder beside DIR and moved into place in one step (onto DIR when it is an empty folder): a failed
    // export leaves nothing a reader could take for a whole one, nor anything in DIR.
    Path part = target.getParent().resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".part");
    // Exporting only reads the record: opened read-only, never migrated (a schema of another build is refused).
    try (Database database = Database.openReadOnly(db)) {
      PublicExport.Written written;
      boolean changed;
      try {
        written = PublicExport.write(database, part, checkpointsOnly);
        changed = database.changedWhileRead();
      } catch (IOException | SQLException | RuntimeException e) {
        if (!database.changedWhileRead()) {
          throw e;
        }
        written = null;
        changed = true;
      }
      if (changed) {
        // Read without locks (nothing had the record open), the record changed meanwhile, so the export could mix before
        // and after: it is written again from a read under SQLite's locks, whatever touches the file (review7 M1).
        delete(part);
        out.println(AGAIN);
        try (Database locked = Database.openReadOnlyUnderLocks(db)) {
          written = PublicExport.write(locked, part, checkpointsOnly);
        }
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      out.printf("wrote %s: %d checkpoint%s (the latest of size %d)%s%n", dir, written.checkpoints(), written.checkpoints() == 1 ? "" : "s",
          written.size(), checkpointsOnly ? "" : ", " + written.leaves() + " leaves, " + written.publicEvents() + " public events in full, "
              + (written.leaves() - written.publicEvents()) + " classified as leaves only");
      return 0;
    } catch (IOException | SQLException | RuntimeException e) {
      err.println("compact export: " + (e instanceof IOException io ? OutputFile.reason(io) : ServeCommand.rootMessage(e))
          + "; nothing was written to " + dir);
      return 1;
    } finally {
      delete(part);
    }
  }

  private static boolean notEmpty(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isPresent();
    }
  }

  /** Removes the folder of a failed export, if any is left. */
  private static void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // Hidden, beside DIR and named for this run: in nobody's way, and a whole export never lies there.
    }
  }
}
