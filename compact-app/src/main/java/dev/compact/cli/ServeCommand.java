package dev.compact.cli;

import dev.compact.ServiceApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code compact serve}: runs the service until it is stopped (Ctrl-C stops it gracefully). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Compact service (REST API) until stopped.",
    footer = "Any other service property may follow as --compact.NAME=VALUE (see docs/service.md).")
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--db", defaultValue = "compact-data/compact.db",
      description = "Database: an SQLite file path, jdbc:sqlite:PATH, or a PostgreSQL URL (jdbc:postgresql://... or postgresql://...). Default: ${DEFAULT-VALUE}.")
  String db;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--compact", defaultValue = "examples/kyiv-compact", description = "The compact folder to serve (default: ${DEFAULT-VALUE}).")
  Path compact;

  @Option(names = "--plain-logs", description = "Log as plain text for people instead of structured JSON (ECS) lines.")
  boolean plainLogs;

  @Option(names = "--oidc-issuer", paramLabel = "URL",
      description = "Also accept OpenID Connect bearer tokens from this identity provider (its issuer URL); needs --oidc-audience.")
  String oidcIssuer;

  @Option(names = "--oidc-audience", paramLabel = "AUD", description = "The audience (client id) the provider's tokens must name.")
  String oidcAudience;

  @Option(names = "--oidc-jwks-uri", paramLabel = "URL", description = "Where the provider's keys are (default: from its discovery document).")
  String oidcJwksUri;

  @Option(names = "--oidc-subject-claim", paramLabel = "CLAIM", description = "The claim that identifies a linked identity (default: sub).")
  String oidcSubjectClaim;

  /** Any service property from docs/service.md, e.g. --compact.tick-interval=PT1M; checked in call(). */
  @CommandLine.Unmatched
  List<String> properties = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--compact.db=" + db, "--compact.compact-dir=" + compact));
    // Only what was given: unset options leave the compact.oidc.* properties (and COMPACT_OIDC_* variables) in charge.
    addIfSet(args, "compact.oidc.issuer", oidcIssuer);
    addIfSet(args, "compact.oidc.audience", oidcAudience);
    addIfSet(args, "compact.oidc.jwks-uri", oidcJwksUri);
    addIfSet(args, "compact.oidc.subject-claim", oidcSubjectClaim);
    for (String property : properties) {
      if (!property.matches("--(compact|server|logging|spring)\\.[A-Za-z0-9_.\\[\\]-]+=.*")) {
        spec.commandLine().getErr().println("compact serve: '" + property.replaceAll("=.*", "=...")
            + "' is not a property; write --compact.NAME=VALUE (see docs/service.md)");
        return 2;
      }
      args.add(property);
    }
    if (!plainLogs) {
      // One JSON object per line (Elastic Common Schema), ready for a log collector.
      args.add("--logging.structured.format.console=ecs");
    }
    ConfigurableApplicationContext context;
    try {
      context = ServiceApplication.start(args.toArray(String[]::new));
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("compact serve: could not start: " + rootMessage(e));
      return 1;
    }
    CountDownLatch closed = new CountDownLatch(1);
    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent) {
        closed.countDown();
      }
    });
    String actualPort = context.getEnvironment().getProperty("local.server.port", Integer.toString(port));
    spec.commandLine().getOut().printf("Compact is serving %s on http://localhost:%s/ (API docs: /api/docs; stop with Ctrl-C)%n",
        compact, actualPort);
    spec.commandLine().getOut().flush();
    closed.await();
    return 0;
  }

  private static void addIfSet(List<String> args, String property, String value) {
    if (value != null) {
      args.add("--" + property + "=" + value);
    }
  }

  /**
   * The message of what went wrong at the bottom of {@code e}'s causes; for an event the record cannot read, the
   * sentence that names the event, rather than its parser's message, which names none.
   */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (!(root instanceof dev.compact.service.UnreadableEvent) && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
