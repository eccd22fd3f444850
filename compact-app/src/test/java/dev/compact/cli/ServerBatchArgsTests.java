package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The fast path of {@code compact screen --server} reads a command line only as picocli reads it: a
 * command line it takes gets the same options picocli would give the command, and any other is left
 * to picocli.
 */
class ServerBatchArgsTests {

  private static final String[] BASE = {"screen", "--batch", "in.csv", "--out", "out.csv", "--server", "https://compact.example.org"};

  private static String[] with(String... more) {
    String[] args = Arrays.copyOf(BASE, BASE.length + more.length);
    System.arraycopy(more, 0, args, BASE.length, more.length);
    return args;
  }

  /** What picocli sets on the screen command for these arguments. */
  private static ScreenCommand picocli(String[] args) {
    ScreenCommand command = new ScreenCommand();
    new CommandLine(command).parseArgs(Arrays.copyOfRange(args, 1, args.length));
    return command;
  }

  /** Every option and positional parameter of the screen command, as picocli's model of it names them. */
  private static List<ArgSpec> arguments(ScreenCommand command) {
    CommandSpec spec = new CommandLine(command).getCommandSpec();
    List<ArgSpec> all = new ArrayList<>(spec.options());
    all.addAll(spec.positionalParameters());
    return all;
  }

  private static final List<String[]> TAKEN = List.of(BASE, with("--limit", "12"), with("--limit=100", "--timings"),
      with("--as-of", "2020-03-01", "--token-file", "token.txt"), with("--as-of=2024-02-29"),
      new String[] {"screen", "--server=http://127.0.0.1:8080/base", "--out=o u t.csv", "--timings", "--batch=a=b.csv"});

  @Test
  void readsWhatPicocliReadsFromEveryCommandLineItTakes() {
    for (String[] args : TAKEN) {
      ServerBatchArgs fast = ServerBatchArgs.read(args).orElseThrow(() -> new AssertionError(String.join(" ", args)));
      ScreenCommand slow = picocli(args);

      assertThat(fast).as(String.join(" ", args)).isEqualTo(new ServerBatchArgs(slow.batch, slow.out, slow.server, slow.tokenFile,
          slow.limit, slow.asOf, slow.timings));
    }
  }

  /**
   * Not only the options the fast path reads: every argument of the command it runs (the name, each
   * local-only option, --db's and --limit's defaults) holds what picocli would have set, so that no
   * option of the command can read differently on the two paths, and an option added later is
   * compared without this test naming it.
   */
  @Test
  void runsTheCommandPicocliWouldMakeWithEveryArgumentAlike() {
    for (String[] args : TAKEN) {
      ScreenCommand fast = ServerBatchArgs.read(args).orElseThrow().command();
      ScreenCommand slow = picocli(args);
      List<ArgSpec> fastArgs = arguments(fast);
      List<ArgSpec> slowArgs = arguments(slow);

      assertThat(fastArgs).hasSameSizeAs(slowArgs).hasSizeGreaterThan(15);
      for (int i = 0; i < slowArgs.size(); i++) {
        ArgSpec expected = slowArgs.get(i);
        assertThat((Object) fastArgs.get(i).getValue()).as(String.join(" ", args) + ": " + describe(expected))
            .isEqualTo(expected.getValue());
      }
    }
  }

  private static String describe(ArgSpec arg) {
    return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
  }

  @Test
  void leavesEveryOtherCommandLineToPicocli() {
    List<String[]> left = List.of(new String[] {"screen", "--batch", "in.csv", "--out", "out.csv"}, with("--help"),
        with("--db", "x.db"), with("--out", "again.csv"), with("--limit", "007"), with("--limit", "0"), with("--limit", "-1"),
        with("--limit", "99999999999"), with("--as-of", "2020-1-1"), with("--as-of", "2021-02-29"), with("--timings=true"),
        with("--type", "person"), with("Some Name"), with("@more-args.txt"), with("--"), with("--token-file"),
        with("--token-file", "--timings"), with("--token-file="), new String[] {"lists", "--batch", "a", "--out", "b", "--server", "c"});
    for (String[] args : left) {
      assertThat(ServerBatchArgs.read(args)).as(String.join(" ", args)).isEmpty();
    }
  }
}
