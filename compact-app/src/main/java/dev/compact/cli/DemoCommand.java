package dev.compact.cli;

import dev.compact.ServiceApplication;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
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
    // The record and the log's key go here: owner-only when created here (an existing folder keeps its permissions).
    dev.compact.store.OwnerOnly.createDirectories(data);
    Path db = data.resolve("demo.db");
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
    Files.deleteIfExists(data.resolve(DEMO_LOG_KEY));
    out.println("Starting the Compact demo: replaying " + historyFile + " into a fresh " + db + " ...");
    out.flush();
    ConfigurableApplicationContext context;
    try {
      context = ServiceApplication.start(serviceArguments(port, data, compact, historyFile, testClock));
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
    // One demo account per role, so that every write can be tried; the tokens and passwords live as
    // long as this demo database, and are printed once, here.
    dev.compact.access.Accounts accounts = context.getBean(dev.compact.access.Accounts.class);
    java.util.Map<String, String> demoAccounts = new java.util.LinkedHashMap<>();
    demoAccounts.put("secretariat", "secretariat");
    demoAccounts.put("ua-desk", "protected:UKR");
    demoAccounts.put("uk-desk", "guarantor:GBR");
    demoAccounts.put("de-desk", "guarantor:DEU");
    demoAccounts.put("us-desk", "guarantor:USA");
    demoAccounts.put("observer", "observer");
    StringBuilder tokens = new StringBuilder(String.format("  %-12s %-15s %-20s %s%n", "account", "role", "password", "API token"));
    for (var account : demoAccounts.entrySet()) {
      accounts.add(account.getKey(), java.util.List.of(account.getValue()));
      String password = demoPassword();
      accounts.passwords().set(account.getKey(), password);
      tokens.append(String.format("  %-12s %-15s %-20s %s%n", account.getKey(), account.getValue(), password,
          accounts.issue(account.getKey(), java.time.Duration.ofDays(30)).token()));
    }
    out.printf("""
        Compact demo is running on %1$s (stop with Ctrl-C).
          Dashboard:                                 %1$s/
          Active obligations of the United Kingdom:  curl '%1$s/api/obligations?party=GBR&state=active'
          Breaches so far:                           curl '%1$s/api/obligations?state=breached'
          Best efforts that ended short (no breach): curl '%1$s/api/norms?state=unmet'
          Incidents:                                 curl '%1$s/api/incidents'
          Allocations and deliveries:                curl '%1$s/api/support'
          UK deadlines as a calendar:                %1$s/api/calendar/GBR.ics
          Live transitions (server-sent events):     curl -N '%1$s/api/stream'
          API description:                           %1$s/api/docs
        Reads need no account. Demo accounts, one per role (shown only now):
        %2$s
        Record through the dashboard: sign in at %1$s/signin with an account's name and password.
        Record through the API with its token, e.g. report an incident as Ukraine's desk:
          curl -X POST %1$s/api/incidents -H 'Authorization: Bearer <ua-desk token>' -H 'Content-Type: application/json' \\
               -d '{"kind": "missile-strike", "place": "UA-30", "severity": 3, "reportedBy": "UKR"}'
        """, base, tokens);
    out.flush();
    closed.await();
    return 0;
  }

  /**
   * The service's arguments for a demo in {@code data}. Each run signs a new history, so it gets a log
   * key and an origin of its own, beside its database and recreated with it: with the service's default
   * key (beside compact.db) every demo would sign a different history under the key and name of a real
   * record, and two checkpoints of one size with different roots would no longer prove a fork, since
   * "that one was the demo" would explain them.
   */
  static String[] serviceArguments(int port, Path data, Path compact, Path history, boolean testClock) {
    return new String[] {"--server.port=" + port, "--compact.db=" + data.resolve("demo.db"), "--compact.compact-dir=" + compact,
        "--compact.history=" + history, "--compact.test-clock=" + testClock, "--compact.log.key=" + data.resolve(DEMO_LOG_KEY),
        "--compact.log.origin=" + DEMO_ORIGIN, "--compact.demonstration=true"};
  }

  /** The demo's log key, beside its database and recreated with it. */
  static final String DEMO_LOG_KEY = "demo-log.key";
  /** The demo log's name: never that of a deployment's log. */
  static final String DEMO_ORIGIN = "compact.example/demo";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LETTERS = "abcdefghijkmnpqrstuvwxyz23456789";

  /** Four groups of four letters and digits (80 bits), easy to type from the terminal into a form. */
  static String demoPassword() {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        password.append('-');
      }
      password.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
    }
    return password.toString();
  }
}
