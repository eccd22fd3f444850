package dev.compact.cli;

import dev.compact.service.RecordService;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code compact rebuild --db URL}: recreates every read model from the log. */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
    description = {"Recreate the read models (norm instances, histories, incidents, consultations, support) from the event log.",
        "When the compact's agreement texts differ from those the log last recorded, records the texts applied as a public event."})
final class RebuildCommand implements Callable<Integer> {

  @CommandLine.Mixin RecordOptions options;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<RecordService> opened;
    try {
      opened = options.open("compact rebuild", err, true);
    } catch (dev.compact.service.WritesRefused e) {
      return RecordOptions.refused("compact rebuild", e, err);
    }
    if (opened.isEmpty()) {
      return 1;
    }
    try (RecordService record = opened.get()) {
      // The fold applies this folder's texts: when the log last recorded others, the change goes on the log, publicly,
      // with the read models rebuilt under them in its transaction; else they are rebuilt here.
      var texts = record.registrations().recordAppliedTexts("compact rebuild");
      long events = texts.rebuiltFrom().isPresent() ? texts.rebuiltFrom().getAsLong() : record.rebuild();
      out.printf("rebuilt the read models from %d events%n", events);
      texts.recorded().ifPresent(event -> {
        if (texts.before().isEmpty()) {
          out.printf("recorded the agreement texts of %s in the log (event %d)%n", options.compact, event.seq());
        } else {
          err.printf("the agreement texts in %s differ from those the log recorded at event %d; the change is recorded as public"
              + " event %d:%n", options.compact, texts.before().get().seq(), event.seq());
          texts.differences().forEach(d -> err.println("  " + d));
        }
      });
      texts.warnings().forEach(w -> err.println("warning: " + w));
      out.flush();
      err.flush();
      return 0;
    } catch (dev.compact.service.WritesRefused e) {
      // Rebuilt tables would show a history the log no longer signs: nothing is rebuilt or recorded.
      return RecordOptions.refused("compact rebuild", e, err);
    } catch (dev.compact.service.Registrations.TextsNotApplied e) {
      err.println("compact rebuild: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("compact rebuild: " + ServeCommand.rootMessage(e));
      return 1;
    }
  }
}
