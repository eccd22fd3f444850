package dev.compact.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code compact users enable NAME}: lets a disabled account's tokens and password work again. */
@Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled account again (its unexpired, unrevoked tokens work again).")
final class UsersEnable extends UsersCommand.DbCommand {
  @Parameters(paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    return withAccounts(accounts -> {
      boolean changed = accounts.enable(name);
      spec.commandLine().getOut().println(changed ? "account " + name + " enabled" : "account " + name + " was not disabled");
      return 0;
    });
  }
}
