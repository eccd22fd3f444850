package dev.compact.cli;

import dev.compact.agreements.Compact;
import dev.compact.engine.Engine;
import dev.compact.service.RecordService;
import dev.compact.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of commands that open a record directly: its database and the compact it belongs to. */
final class RecordOptions {

  @Option(names = "--db", defaultValue = "compact-data/compact.db", description = "The database (as for serve). Default: ${DEFAULT-VALUE}.")
  String db;

  @Option(names = "--compact", defaultValue = "examples/kyiv-compact", description = "The compact the record belongs to (default: ${DEFAULT-VALUE}).")
  Path compact;

  /** The exit code of a command whose write the record refused because the transparency log no longer signs what it holds. */
  static final int WRITES_REFUSED = 3;

  /**
   * Says on {@code err} that the record took no write, why and what to do, as the API's 503 does;
   * returns {@link #WRITES_REFUSED}.
   */
  static int refused(String command, dev.compact.service.WritesRefused e, PrintWriter err) {
    err.println(command + ": the record takes no writes: " + e.explanation());
    err.flush();
    return WRITES_REFUSED;
  }

  /**
   * Opens the record, or says on {@code err} why not and returns empty; throws {@link
   * dev.compact.service.WritesRefused} when it would create the record's first event and the
   * transparency log no longer signs what the database holds. With {@code mustExist}, a
   * SQLite file that is not there is an error rather than a new, empty record.
   */
  Optional<RecordService> open(String command, PrintWriter err, boolean mustExist) {
    if (mustExist && DatabaseCommand.missing(db)) {
      err.println(command + ": no database at " + db);
      return Optional.empty();
    }
    // The folder of the file SQLite would create, whatever form --db takes (a path, a ':' in it included, or a URL).
    Optional<Path> folder = Database.sqliteFile(db).map(Path::getParent);
    if (folder.isPresent()) {
      try {
        dev.compact.store.OwnerOnly.createDirectories(folder.get());
      } catch (IOException e) {
        err.println(command + ": cannot create " + folder.get() + ": " + e.getMessage());
        return Optional.empty();
      }
    }
    Optional<Compact> loaded = Sources.compact(compact, err);
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RecordService(Database.open(db), Engine.of(loaded.get()), Clock.systemUTC(), false, command));
    } catch (dev.compact.service.WritesRefused e) {
      // A new record's texts refused: the caller says so as it says any refused write (refused, below).
      throw e;
    } catch (RuntimeException e) {
      err.println(command + ": " + ServeCommand.rootMessage(e));
      return Optional.empty();
    }
  }
}
