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

  /** When the JVM got to this class, before {@code main}: where {@code compact screen --timings} starts counting. */
  static final long MAIN_NANOS = System.nanoTime();
  static final long MAIN_MILLIS = System.currentTimeMillis();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * Bad input is reported by the commands themselves; what reaches here is a bug. Say so in one line
   * and keep the stack trace for those who ask for it.
   */
  private static int internalError(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    commandLine.getErr().println("compact: internal error: " + e + " (set COMPACT_DEBUG=1 for the stack trace)");
    if (System.getenv("COMPACT_DEBUG") != null) {
      e.printStackTrace(commandLine.getErr());
    }
    return 2;
  }

  /** Builds the command line with every subcommand; tests run it in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CompactCli());
    CommandLine bench = new CommandLine(new BenchCommand());
    // One line per benchmark, in alphabetical order so that parallel work merges cleanly.
    bench.addSubcommand("agreements", new AgreementsBenchCommand());
    bench.addSubcommand("api-load", new ApiLoadBenchCommand());
    bench.addSubcommand("append", new AppendBenchCommand());
    bench.addSubcommand("cli-batch", new CliBatchBenchCommand());
    bench.addSubcommand("customers", new CustomersBenchCommand());
    bench.addSubcommand("engine", new EngineBenchCommand());
    bench.addSubcommand("floors", new FloorsBenchCommand());
    bench.addSubcommand("lists", new ListsCommand.Bench());
    bench.addSubcommand("log", new LogBenchCommand());
    bench.addSubcommand("screening", new ScreeningBenchCommand());
    bench.addSubcommand("screening-http", new ScreeningHttpBenchCommand());
    bench.addSubcommand("watchlist", new WatchlistBenchCommand());
    bench.addSubcommand("write-rate", new WriteRateBenchCommand());
    bench.addSubcommand("writers", new WritersBenchCommand());

    // One line per top-level command, in alphabetical order so that parallel work merges cleanly.
    cli.addSubcommand("bench", bench);
    cli.addSubcommand("check", new CheckCommand());
    cli.addSubcommand("coverage", new CoverageCommand());
    cli.addSubcommand("demo", new DemoCommand());
    cli.addSubcommand("diff", new DiffCommand());
    cli.addSubcommand("explain", new ExplainCommand());
    cli.addSubcommand("export", new ExportCommand());
    cli.addSubcommand("help", new CommandLine.HelpCommand());
    cli.addSubcommand("keys", new KeysCommand());
    cli.addSubcommand("lists", new ListsCommand());
    cli.addSubcommand("rebuild", new RebuildCommand());
    cli.addSubcommand("render", new RenderCommand());
    cli.addSubcommand("screen", new ScreenCommand());
    cli.addSubcommand("serve", new ServeCommand());
    cli.addSubcommand("sign", new SignCommand());
    cli.addSubcommand("test", new TestCommand());
    cli.addSubcommand("users", new UsersCommand());
    cli.addSubcommand("verify", new VerifyCommand());
    cli.addSubcommand("webhooks", new WebhooksCommand());
    cli.addSubcommand("witness", new WitnessCommand());
    // Set last: picocli copies the handler only to subcommands that already exist.
    cli.setExecutionExceptionHandler(CompactCli::internalError);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
