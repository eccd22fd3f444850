package dev.compact.cli;

import dev.compact.notify.WebhookDeliveries;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compact webhooks ...}: the webhook deliveries that failed, and sending them again. */
@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "List webhook deliveries and send failed ones again.",
    subcommands = {WebhooksCommand.ListDeliveries.class, WebhooksCommand.Resend.class})
final class WebhooksCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What both subcommands share: the database ({@link DatabaseCommand}) and the deliveries in it. */
  abstract static class DbCommand extends DatabaseCommand {
    Integer withDeliveries(Function<WebhookDeliveries, Integer> work) {
      return withDatabase("compact webhooks", database -> work.apply(new WebhookDeliveries(database, Clock.systemUTC())));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Deliveries in a state (default failed), oldest first, with their last error.")
  static final class ListDeliveries extends DbCommand {
    @Override
    boolean readsOnly() {
      return true;
    }

    @Option(names = "--state", defaultValue = "failed", description = "pending, delivered or failed (default ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many, 1 to 1000 (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      return withDeliveries(deliveries -> {
        PrintWriter out = spec.commandLine().getOut();
        List<WebhookDeliveries.Delivery> found = deliveries.list(state, limit);
        for (WebhookDeliveries.Delivery d : found) {
          out.printf("%s  %-4s %-9s %2d attempts  %s%s%n", d.id(), d.party(), d.state(), d.attempts(),
              d.lastError() == null ? "" : d.lastError(), d.resends().isEmpty() ? "" : "  (sent again " + d.resends().size() + " times, last by "
                  + d.resends().getLast().by() + " at " + d.resends().getLast().at() + ")");
        }
        out.println(found.size() + " " + state + " deliver" + (found.size() == 1 ? "y" : "ies"));
        return 0;
      });
    }
  }

  @Command(name = "resend", mixinStandardHelpOptions = true,
      description = {"Send failed deliveries again: the same id and body, attempts counted afresh; each re-send is audited.",
          "A running instance with the delivery's subscription sends it within its poll interval."})
  static final class Resend extends DbCommand {
    @Parameters(paramLabel = "ID", arity = "0..*", description = "Delivery ids (from 'compact webhooks list').")
    List<String> ids = List.of();

    @Option(names = "--all-failed", description = "Every failed delivery (up to 1,000 at a time).")
    boolean allFailed;

    @Option(names = "--by", description = "Who asks, for the audit (default: cli: and your user name).")
    String by;

    @Override
    public Integer call() {
      if (ids.isEmpty() == !allFailed) {
        spec.commandLine().getErr().println("compact webhooks resend: give delivery ids or --all-failed (not both)");
        return 1;
      }
      String who = by != null && !by.isBlank() ? by : "cli:" + System.getProperty("user.name", "unknown");
      return withDeliveries(deliveries -> {
        // The CLI does not know which subscriptions the instances send; a delivery whose subscription was removed stays pending unsent.
        WebhookDeliveries.Resent resent = allFailed ? deliveries.resendFailed(who, Optional.empty(), WebhookDeliveries.Scope.ALL)
            : deliveries.resend(ids, who, Optional.empty());
        PrintWriter out = spec.commandLine().getOut();
        resent.resent().forEach(id -> out.println("sent again: " + id));
        resent.refused().forEach(reason -> spec.commandLine().getErr().println("not sent again: " + reason));
        out.println(resent.resent().size() + " sent again as " + who + ", " + resent.refused().size() + " refused");
        return resent.refused().isEmpty() ? 0 : 1;
      });
    }
  }
}
