package dev.compact.cli;

import dev.compact.access.Accounts;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compact users ...}: accounts, roles, API tokens and dashboard passwords. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage accounts, their roles, passwords and API tokens.",
    subcommands = {UsersCommand.Add.class, UsersCommand.Token.class, UsersCommand.Revoke.class, UsersCommand.ListAll.class,
        UsersPassword.class, UsersDisable.class, UsersEnable.class, IdentityLinkCommands.Link.class, IdentityLinkCommands.Unlink.class})
final class UsersCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every subcommand shares: the database ({@link DatabaseCommand}) and the accounts in it. */
  abstract static class DbCommand extends DatabaseCommand {
    Integer withAccounts(Function<Accounts, Integer> work) {
      return withDatabase("compact users", database -> work.apply(new Accounts(database, Clock.systemUTC())));
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account with one or more roles.")
  static final class Add extends DbCommand {
    @Parameters(paramLabel = "NAME", description = "Lower-case name, e.g. uk-desk.")
    String name;

    @Option(names = "--role", required = true,
        description = "secretariat, observer, monitor (metrics only), compliance (screening watchlist), guarantor:XXX or protected:XXX (repeatable).")
    List<String> roles;

    /** The first account is made on a new record. */
    @Override
    boolean createsDatabase() {
      return true;
    }

    @Override
    public Integer call() {
      return withAccounts(accounts -> {
        accounts.add(name, roles);
        spec.commandLine().getOut().printf("account %s created with roles %s%n", name, String.join(", ", roles));
        return 0;
      });
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true, description = "Issue an API token for an account; it is shown once.")
  static final class Token extends DbCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--valid", defaultValue = "P90D", description = "How long the token is valid, as an ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    String valid;

    @Override
    public Integer call() {
      Duration validity;
      try {
        validity = Duration.parse(valid);
      } catch (DateTimeParseException e) {
        spec.commandLine().getErr().println("compact users token: '" + valid + "' is not a duration such as P90D or PT12H");
        return 1;
      }
      return withAccounts(accounts -> {
        Accounts.Issued issued = accounts.issue(name, validity);
        // The token alone on standard output, so that TOKEN=$(compact users token NAME) holds it; the words go to the error stream.
        spec.commandLine().getErr().printf("token %s for %s, valid until %s (shown once; store it now); use it as:"
            + " curl -H 'Authorization: Bearer TOKEN' ...%n", issued.id(), name, issued.expires());
        spec.commandLine().getOut().println(issued.token());
        return 0;
      });
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id (see `users list`).")
  static final class Revoke extends DbCommand {
    @Parameters(paramLabel = "TOKEN_ID", description = "The token's id as `users list` shows it, or the token itself.")
    String id;

    @Override
    public Integer call() {
      // A whole token is never printed back: the terminal's scrollback is a log too.
      String named = id.startsWith("cpt_") ? "that token" : "token " + id;
      return withAccounts(accounts -> {
        if (!accounts.revoke(id)) {
          spec.commandLine().getErr().println("compact users revoke: no active token: " + named);
          return 1;
        }
        spec.commandLine().getOut().println(named + " revoked");
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List accounts, tokens (ids only, never the tokens) and linked identities.")
  static final class ListAll extends DbCommand {
    @Override
    boolean readsOnly() {
      return true;
    }

    @Override
    public Integer call() {
      return IdentityLinkCommands.withLinks(this, (accounts, links) -> {
        PrintWriter out = spec.commandLine().getOut();
        for (Accounts.Account account : accounts.accounts()) {
          out.printf("%-20s %s%s%n", account.name(), String.join(", ", account.roles().stream().map(dev.compact.access.Role::format).toList()),
              UsersDisable.flags(accounts, account.name()));
        }
        for (Accounts.TokenInfo token : accounts.tokens()) {
          out.printf("  token %s  %-16s expires %s%s%n", token.id(), token.account(), token.expires(),
              token.revoked().map(r -> "  revoked " + r).orElse(""));
        }
        IdentityLinkCommands.print(links, out);
        return 0;
      });
    }
  }
}
