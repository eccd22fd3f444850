package dev.compact.cli;

import dev.compact.service.RecordService;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code compact rebuild --db URL}: recreates every read model from the log. */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
    description = "Recreate the read models (norm instances, histories, incidents, consultations, support) from the event log.")
final class RebuildCommand implements Callable<Integer> {

  @CommandLine.Mixin RecordOptions options;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<RecordService> opened = options.open("compact rebuild", err, true);
    if (opened.isEmpty()) {
      return 1;
    }
    try (RecordService record = opened.get()) {
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
