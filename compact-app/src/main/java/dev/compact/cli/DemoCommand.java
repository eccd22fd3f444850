package dev.compact.cli;

import dev.compact.ServiceApplication;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact demo}: a fresh record of the Kyiv compact with its 2024-2026 history replayed,
 * served on port 8080, so that every endpoint shows something real.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Serve the Kyiv compact with a fresh database and a realistic 2024-2026 history replayed.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data", defaultValue = "compact-data", description = "Folder for the demo database (default: ${DEFAULT-VALUE}); the demo database in it is recreated.")
  Path data;

  @Option(names = "--compact", defaultValue = "examples/kyiv-compact", description = "The compact folder (default: ${DEFAULT-VALUE}).")
  Path compact;

  @Option(names = "--history", description = "The history to replay (default: COMPACT/demo/history.yaml).")
  Path history;

  @Option(names = "--test-clock", description = "Run on a test clock that only moves through POST /api/clock (for demonstrations of deadlines).")
  boolean testClock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path historyFile = history != null ? history : compact.resolve("demo/history.yaml");
    if (!Files.isRegularFile(historyFile)) {
      err.println("compact demo: no history at " + historyFile + " (run from the repository root, or give --compact and --history)");
      return 1;
    }
    Files.createDirectories(data);
    Path db = data.resolve("demo.db");
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
    out.println("Starting the Compact demo: replaying " + historyFile + " into a fresh " + db + " ...");
    out.flush();
    ConfigurableApplicationContext context;
    try {
      context = ServiceApplication.start("--server.port=" + port, "--compact.db=" + db, "--compact.compact-dir=" + compact,
          "--compact.history=" + historyFile, "--compact.test-clock=" + testClock);
    } catch (RuntimeException e) {
      err.println("compact demo: could not start: " + ServeCommand.rootMessage(e));
      return 1;
    }
    CountDownLatch closed = new CountDownLatch(1);
    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent) {
        closed.countDown();
      }
    });
    String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port", Integer.toString(port));
    out.printf("""
        Compact demo is running on %1$s (stop with Ctrl-C).
          Active obligations of the United Kingdom:  curl '%1$s/api/obligations?party=GBR&state=active'
          Breaches so far:                           curl '%1$s/api/obligations?state=breached'
          Incidents:                                 curl '%1$s/api/incidents'
          Allocations and deliveries:                curl '%1$s/api/support'
          UK deadlines as a calendar:                %1$s/api/calendar/GBR.ics
          Live transitions (server-sent events):     curl -N '%1$s/api/stream'
          API description:                           %1$s/api/docs
        """, base);
    out.flush();
    closed.await();
    return 0;
  }
}
