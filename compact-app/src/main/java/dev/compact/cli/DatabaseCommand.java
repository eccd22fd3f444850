package dev.compact.cli;

import dev.compact.store.Database;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * A subcommand that works on the record's database ({@code --db}, as for serve): it opens the
 * database once, hands it to the work and closes it, and a failure is one line on standard error
 * naming the command, with exit code 1, never a stack trace.
 */
abstract class DatabaseCommand implements Callable<Integer> {
  @Option(names = "--db", defaultValue = "compact-data/compact.db", description = "The database (as for serve). Default: ${DEFAULT-VALUE}.")
  String db;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Whether this command may create the database when its file is not there (the first account's
   * does); every other one refuses, so that a mistyped --db is not answered from a new, empty record.
   */
  boolean createsDatabase() {
    return false;
  }

  /**
   * Whether this command only reads: it then opens the record read-only ({@link Database#openReadOnly}), never
   * migrating it, and a record of another build's schema is refused, as {@code compact screen} and {@code export} do.
   */
  boolean readsOnly() {
    return false;
  }

  /**
   * Whether {@code db} names a SQLite file that is not there, in whatever form: a path (a ':' in it
   * included) or a jdbc:sqlite: URL. Before, any db with a ':' passed as present, and a command that
   * writes made a new, empty record of a mistyped jdbc:sqlite: URL.
   */
  static boolean missing(String db) {
    return Database.sqliteFile(db).filter(file -> !Files.exists(file)).isPresent();
  }

  /** Runs {@code work} on the open database; {@code command} names the command in an error line ("compact users"). */
  Integer withDatabase(String command, Function<Database, Integer> work) {
    if (!createsDatabase() && missing(db)) {
      spec.commandLine().getErr().println(command + ": no database at " + db + " (check --db)");
      return 1;
    }
    try (Database database = readsOnly() ? Database.openReadOnly(db) : Database.open(db)) {
      return work.apply(database);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(command + ": " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println(command + ": " + ServeCommand.rootMessage(e));
      return 1;
    }
  }
}
