package dev.compact.cli;

import dev.compact.access.Accounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code compact users disable NAME}: stops an account's tokens, password and sessions at once. */
@Command(name = "disable", mixinStandardHelpOptions = true,
    description = "Disable an account: its tokens and password stop working and its dashboard sessions end (undo with `users enable`).")
final class UsersDisable extends UsersCommand.DbCommand {
  @Parameters(paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    return withAccounts(accounts -> {
      boolean changed = accounts.disable(name);
      spec.commandLine().getOut().println(changed ? "account " + name + " disabled; its tokens and sessions no longer work"
          : "account " + name + " was disabled already");
      return 0;
    });
  }

  /** What `users list` adds after an account's roles: whether it has a password, whether it is disabled. */
  static String flags(Accounts accounts, String name) {
    return (accounts.passwords().isSet(name) ? "  (password)" : "")
        + accounts.disabledSince(name).map(since -> "  (disabled since " + since + ")").orElse("");
  }
}
