package dev.compact.cli;

import dev.compact.log.PublicExport;
import dev.compact.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
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
        "Public events in full; classified events as their leaf only (index, type, times, classification, content digest)."})
final class ExportCommand implements Callable<Integer> {
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
    if (!db.contains(":") && !Files.exists(Path.of(db))) {
      err.println("compact export: no database at " + db);
      return 1;
    }
    try (Database database = Database.open(db)) {
      PublicExport.Written written = PublicExport.write(database, dir, checkpointsOnly);
      out.printf("wrote %s: %d checkpoint%s (the latest of size %d)%s%n", dir, written.checkpoints(), written.checkpoints() == 1 ? "" : "s",
          written.size(), checkpointsOnly ? "" : ", " + written.leaves() + " leaves, " + written.publicEvents() + " public events in full, "
              + (written.leaves() - written.publicEvents()) + " classified as leaves only");
      return 0;
    } catch (IOException | SQLException | RuntimeException e) {
      err.println("compact export: " + ServeCommand.rootMessage(e));
      return 1;
    }
  }
}
