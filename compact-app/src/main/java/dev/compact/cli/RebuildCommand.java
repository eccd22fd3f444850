package dev.compact.cli;

import dev.compact.agreements.Compact;
import dev.compact.engine.Engine;
import dev.compact.service.RecordService;
import dev.compact.store.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code compact rebuild --db URL}: recreates every read model from the log. */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
    description = "Recreate the read models (norm instances, histories, incidents, consultations, support) from the event log.")
final class RebuildCommand implements Callable<Integer> {

  @Option(names = "--db", defaultValue = "compact-data/compact.db", description = "The database (as for serve). Default: ${DEFAULT-VALUE}.")
  String db;

  @Option(names = "--compact", defaultValue = "examples/kyiv-compact", description = "The compact the record belongs to (default: ${DEFAULT-VALUE}).")
  Path compact;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!db.contains(":") && !java.nio.file.Files.exists(Path.of(db))) {
      err.println("compact rebuild: no database at " + db);
      return 1;
    }
    Optional<Compact> loaded = Sources.compact(compact, err);
    if (loaded.isEmpty()) {
      return 1;
    }
    try (RecordService record = new RecordService(Database.open(db), Engine.of(loaded.get()), Clock.systemUTC())) {
      long events = record.rebuild();
      out.printf("rebuilt the read models from %d events%n", events);
      out.flush();
      return 0;
    } catch (RuntimeException e) {
      err.println("compact rebuild: " + ServeCommand.rootMessage(e));
      return 1;
    }
  }
}
