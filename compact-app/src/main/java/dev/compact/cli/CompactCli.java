package dev.compact.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code compact} command: entry point of the command-line interface. */
@Command(
    name = "compact",
    mixinStandardHelpOptions = true,
    version = "compact 0.1.0",
    description = "Security guarantees as executable agreements.")
public final class CompactCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Builds the command line with every subcommand; tests run it in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CompactCli());
    CommandLine bench = new CommandLine(new BenchCommand());
    // One line per benchmark, in alphabetical order so that parallel work merges cleanly.

    // One line per top-level command, in alphabetical order so that parallel work merges cleanly.
    cli.addSubcommand("bench", bench);
    cli.addSubcommand("help", new CommandLine.HelpCommand());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
