package dev.compact.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code compact screen --batch IN --out OUT --server URL} read without picocli. picocli builds its
 * model of a command by reflection over the command's annotations, and its classes (compiled for
 * Java 5) are ones the JVM's AOT cache cannot hold: for the thin client that is about half of its
 * CPU time up to the command (0.13-0.15 s of 0.24 s). This reads only plain, well-formed command
 * lines of that one form; anything else (another option, a repeated one, a value picocli might read
 * differently, {@code --help}) is left to picocli, which parses, refuses and explains as always, so
 * the fast path can only skip work, never change what a command line means.
 * {@code ServerBatchArgsTests} checks it against picocli's reading of the same arguments.
 */
record ServerBatchArgs(Path batch, Path out, String server, Path tokenFile, int limit, LocalDate asOf, boolean timings) {

  /** The options this reads; each takes a value except {@code --timings}. */
  private static final Set<String> OPTIONS = Set.of("--batch", "--out", "--server", "--token-file", "--limit", "--as-of",
      "--timings");
  /** A limit as picocli reads it without any doubt: plain digits, no sign, no leading zero. */
  private static final Pattern LIMIT = Pattern.compile("[1-9][0-9]{0,8}");
  /**
   * The screen command's defaults of --limit and --db, for its annotations and for this fast path
   * alike: one source. Compile-time constants, so the annotations' use of them loads no class here.
   */
  static final String DEFAULT_LIMIT = "5";
  static final String DEFAULT_DB = "compact-data/compact.db";
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  /** The arguments read, when they are {@code screen} with only these options, each once, with plain values. */
  static Optional<ServerBatchArgs> read(String[] args) {
    if (args.length < 4 || !args[0].equals("screen")) {
      return Optional.empty();
    }
    Map<String, String> values = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      // picocli reads an argument that starts with @ as a file of arguments.
      if (arg.startsWith("@")) {
        return Optional.empty();
      }
      int equals = arg.indexOf('=');
      String option = equals < 0 ? arg : arg.substring(0, equals);
      if (!OPTIONS.contains(option) || values.containsKey(option)) {
        return Optional.empty();
      }
      if (option.equals("--timings")) {
        if (equals >= 0) {
          return Optional.empty();
        }
        values.put(option, "");
        continue;
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return Optional.empty();
      }
      // An empty value, or one that looks like an option, is picocli's to read or refuse.
      if (value.isEmpty() || value.startsWith("-")) {
        return Optional.empty();
      }
      values.put(option, value);
    }
    if (!values.containsKey("--batch") || !values.containsKey("--out") || !values.containsKey("--server")) {
      return Optional.empty();
    }
    String limit = values.getOrDefault("--limit", DEFAULT_LIMIT);
    if (!LIMIT.matcher(limit).matches()) {
      return Optional.empty();
    }
    LocalDate asOf = null;
    if (values.containsKey("--as-of")) {
      if (!DATE.matcher(values.get("--as-of")).matches()) {
        return Optional.empty();
      }
      try {
        asOf = LocalDate.parse(values.get("--as-of"));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(new ServerBatchArgs(Path.of(values.get("--batch")), Path.of(values.get("--out")), values.get("--server"),
          values.containsKey("--token-file") ? Path.of(values.get("--token-file")) : null, Integer.parseInt(limit), asOf,
          values.containsKey("--timings")));
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * The screen command with these options, every other option at picocli's default: the same
   * command, field for field, that picocli makes of the same arguments ({@code ServerBatchArgsTests}).
   */
  ScreenCommand command() {
    ScreenCommand command = new ScreenCommand();
    command.batch = batch;
    command.out = out;
    command.server = server;
    command.tokenFile = tokenFile;
    command.limit = limit;
    command.asOf = asOf;
    command.timings = timings;
    command.db = DEFAULT_DB;
    return command;
  }

  /** Runs {@code compact screen} with these options, as picocli would run it: its exit code. */
  int run(PrintWriter stdout, PrintWriter err) {
    ScreenCommand command = command();
    try {
      // Only these options can have been given; none of those the --server path refuses.
      return command.run(stdout, err, option -> false);
    } catch (RuntimeException e) {
      return CompactCli.internalError(e, err);
    }
  }
}
