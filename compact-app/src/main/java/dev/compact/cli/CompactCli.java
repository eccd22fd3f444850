package dev.compact.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code compact} command: entry point of the command-line interface. No method of this class
 * names a picocli type in its signature ({@link CompactCommandLine} builds the command line): the
 * JVM's launcher reads this class's methods to find {@code main}, which loads every type their
 * signatures name, and picocli's classes (compiled for Java 5) are ones the JVM's AOT cache cannot
 * hold, so {@code compact screen --server}, which never uses picocli, loaded and verified its
 * largest class from the jar at every start.
 */
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
    // A batch screened on a service skips picocli (see ServerBatchArgs): its start-up is most of the client's time.
    Optional<ServerBatchArgs> serverBatch = ServerBatchArgs.read(args);
    if (serverBatch.isPresent()) {
      System.exit(serverBatch.get().run(writer(System.out, "sun.stdout.encoding"), writer(System.err, "sun.stderr.encoding")));
    }
    System.exit(CompactCommandLine.of(args).execute(args));
  }

  /**
   * A writer on standard output or error as picocli 4.7 makes its own (the charset its property names,
   * else the JVM's default; buffered, flushed at each line), so that a command writes the same bytes
   * whether picocli ran it or not.
   */
  static PrintWriter writer(PrintStream stream, String encodingProperty) {
    String name = System.getProperty(encodingProperty);
    Charset charset = Charset.defaultCharset();
    if (name != null) {
      try {
        charset = Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
      } catch (IllegalArgumentException e) {
        // picocli falls back to the default too.
      }
    }
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
  }

  /**
   * Bad input is reported by the commands themselves; what reaches here is a bug. Say so in one line
   * and keep the stack trace for those who ask for it.
   */
  static int internalError(Exception e, PrintWriter err) {
    err.println("compact: internal error: " + e + " (set COMPACT_DEBUG=1 for the stack trace)");
    if (System.getenv("COMPACT_DEBUG") != null) {
      e.printStackTrace(err);
    }
    return 2;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
