package dev.compact.cli;

import java.util.List;
import picocli.CommandLine;

/** The picocli command line of {@code compact}: its commands, made only when asked for. */
final class CompactCommandLine {
  private CompactCommandLine() {}

  /**
   * picocli's usage error (exit code 2, the message and the usage) for a command to throw. Made here
   * so that the command's class names no picocli exception: the JVM checks that what a method throws
   * is a {@code Throwable} by loading its class, and a picocli class is not in the JVM's AOT cache, so
   * {@code compact screen --server} loaded {@code ParameterException} at every start, after searching
   * every jar of the class path before picocli's (the last of 124) for it.
   */
  static RuntimeException usageError(CommandLine.Model.CommandSpec spec, String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /**
   * The top-level commands, each made only when asked for ({@link #command}): picocli reads every
   * option of a command by reflection when it is added, which a short command such as {@code screen}
   * would otherwise pay for some forty commands it does not run. One line per command, in
   * alphabetical order so that parallel work merges cleanly.
   */
  private static final List<String> COMMANDS = List.of("bench", "check", "coverage", "demo", "diff", "explain",
      "export", "help", "keys", "lists", "rebuild", "render", "screen", "serve", "sign", "test", "users", "verify",
      "webhooks", "witness");

  // A switch, not a map of constructor references: with one (picocli's HelpCommand among them, a
  // class compiled for Java 5 that the JVM's AOT cache does not hold) JDK 25.0.3 crashed while
  // writing the launcher's AOT cache (archiveHeapWriter), which then ran every command without it.
  private static Object command(String name) {
    return switch (name) {
      case "bench" -> bench();
      case "check" -> new CheckCommand();
      case "coverage" -> new CoverageCommand();
      case "demo" -> new DemoCommand();
      case "diff" -> new DiffCommand();
      case "explain" -> new ExplainCommand();
      case "export" -> new ExportCommand();
      case "help" -> new CommandLine.HelpCommand();
      case "keys" -> new KeysCommand();
      case "lists" -> new ListsCommand();
      case "rebuild" -> new RebuildCommand();
      case "render" -> new RenderCommand();
      case "screen" -> new ScreenCommand();
      case "serve" -> new ServeCommand();
      case "sign" -> new SignCommand();
      case "test" -> new TestCommand();
      case "users" -> new UsersCommand();
      case "verify" -> new VerifyCommand();
      case "webhooks" -> new WebhooksCommand();
      case "witness" -> new WitnessCommand();
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }

  private static CommandLine bench() {
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
    return bench;
  }

  /** Builds the command line with every subcommand; tests run it in-process. */
  public static CommandLine all() {
    return commandLine(COMMANDS);
  }

  /**
   * The command line for these arguments: when the first names a command other than {@code help},
   * with that command alone (it parses and runs the same; only the usage of {@code compact} itself
   * lists the others), otherwise with every command.
   */
  static CommandLine of(String[] args) {
    if (args.length > 0 && !args[0].equals("help") && COMMANDS.contains(args[0])) {
      return commandLine(List.of(args[0]));
    }
    return all();
  }

  private static CommandLine commandLine(List<String> names) {
    CommandLine cli = new CommandLine(new CompactCli());
    for (String name : names) {
      cli.addSubcommand(name, command(name));
    }
    // Set last: picocli copies the handler and the writers only to subcommands that already exist. The
    // writers are made as picocli makes its own, by the one rule the fast path of ServerBatchArgs uses too.
    cli.setExecutionExceptionHandler(CompactCommandLine::internalError);
    cli.setOut(CompactCli.writer(System.out, "sun.stdout.encoding"));
    cli.setErr(CompactCli.writer(System.err, "sun.stderr.encoding"));
    return cli;
  }

  /** An exception a command let through: {@link CompactCli#internalError(Exception, java.io.PrintWriter)}. */
  private static int internalError(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    return CompactCli.internalError(e, commandLine.getErr());
  }

}
