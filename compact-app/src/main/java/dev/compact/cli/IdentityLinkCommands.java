package dev.compact.cli;

import dev.compact.access.Accounts;
import dev.compact.identity.IdentityLinks;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compact users link|unlink}: which identities of the identity provider act as which
 * accounts. Kept apart from {@link UsersCommand} so that account and identity work do not collide.
 */
final class IdentityLinkCommands {
  private IdentityLinkCommands() {}

  /** Opens the database once and hands the accounts and the identity links to the work; errors are one line. */
  static Integer withLinks(UsersCommand.DbCommand command, BiFunction<Accounts, IdentityLinks, Integer> work) {
    return command.withDatabase("compact users", database -> {
      Accounts accounts = new Accounts(database, Clock.systemUTC());
      return work.apply(accounts, new IdentityLinks(database, accounts, Clock.systemUTC()));
    });
  }

  /** Prints the links under the accounts and tokens of {@code users list}. */
  static void print(IdentityLinks links, PrintWriter out) {
    for (IdentityLinks.Link link : links.links()) {
      out.printf("  link  %-16s %s  subject %s%n", link.account(), link.issuer(), link.subject());
    }
  }

  /** What both commands name: an account and an identity (issuer and subject). */
  abstract static class IdentityCommand extends UsersCommand.DbCommand {
    @Parameters(paramLabel = "NAME", description = "The Compact account.")
    String name;

    @Option(names = "--subject", required = true, paramLabel = "SUB",
        description = "The identity's id at the provider: its 'sub' claim (or the claim set as compact.oidc.subject-claim).")
    String subject;

    @Option(names = "--issuer", paramLabel = "URL", defaultValue = "${env:COMPACT_OIDC_ISSUER}",
        description = "The provider's issuer URL, exactly as in its tokens' 'iss' claim (default: $COMPACT_OIDC_ISSUER).")
    String issuer;

    /** The issuer, or null after saying that it is missing. */
    String issuer() {
      if (issuer == null || issuer.isBlank()) {
        spec.commandLine().getErr().println("compact users " + spec.name() + ": give --issuer URL (the identity provider's issuer, as in "
            + "its tokens' 'iss' claim), or set COMPACT_OIDC_ISSUER");
        return null;
      }
      return issuer.strip();
    }
  }

  @Command(name = "link", mixinStandardHelpOptions = true,
      description = "Let an identity of the identity provider act as an account (OpenID Connect bearer tokens).")
  static final class Link extends IdentityCommand {
    @Override
    public Integer call() {
      String iss = issuer();
      if (iss == null) {
        return 1;
      }
      return withLinks(this, (accounts, links) -> {
        links.link(name, iss, subject);
        spec.commandLine().getOut().printf("identity %s of %s now acts as %s%n", subject, iss, name);
        return 0;
      });
    }
  }

  @Command(name = "unlink", mixinStandardHelpOptions = true, description = "Stop an identity of the identity provider acting as an account.")
  static final class Unlink extends IdentityCommand {
    @Override
    public Integer call() {
      String iss = issuer();
      if (iss == null) {
        return 1;
      }
      return withLinks(this, (accounts, links) -> {
        if (!links.unlink(name, iss, subject)) {
          spec.commandLine().getErr().printf("compact users unlink: identity %s of %s is not linked to %s (see compact users list)%n",
              subject, iss, name);
          return 1;
        }
        spec.commandLine().getOut().printf("identity %s of %s no longer acts as %s%n", subject, iss, name);
        return 0;
      });
    }
  }
}
