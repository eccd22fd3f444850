package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompactCliTests {

  /** What a command line prints and returns for these arguments. */
  private static String run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return code + "\n" + out + "\n" + err;
  }

  @Test
  void aCommandMadeAloneHelpsAndRefusesAsAmongAllTheOthers() {
    List<String> names = new ArrayList<>(CompactCommandLine.all().getSubcommands().keySet());
    assertThat(names).contains("screen", "serve", "bench", "lists", "help");
    for (String name : names) {
      for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "--no-such-option"})) {
        assertThat(run(CompactCommandLine.of(args), args)).as(String.join(" ", args))
            .isEqualTo(run(CompactCommandLine.all(), args));
      }
    }
  }

  @Test
  void theTopLevelUsageAndHelpStillListEveryCommand() {
    String usage = run(CompactCommandLine.of(new String[] {"--help"}), "--help");
    String help = run(CompactCommandLine.of(new String[] {"help"}), "help");
    String unknown = run(CompactCommandLine.of(new String[] {"scren", "x"}), "scren", "x");

    assertThat(usage).contains("screen", "serve", "bench", "witness");
    assertThat(help).isEqualTo(usage);
    assertThat(unknown).startsWith("2\n").contains("scren");
  }

  /**
   * Picocli reads descriptions as format strings: a bare "%" (as in "20% of") makes it print a
   * warning and the text unformatted. Every command's help, however deep, formats cleanly.
   */
  @Test
  void everyCommandsHelpFormatsWithoutAWarning() {
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    List<String> helps = new ArrayList<>();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      List<CommandLine> all = new ArrayList<>(List.of(CompactCommandLine.all()));
      for (int i = 0; i < all.size(); i++) {
        helps.add(all.get(i).getUsageMessage(CommandLine.Help.Ansi.OFF));
        all.addAll(all.get(i).getSubcommands().values().stream().filter(c -> !all.contains(c)).toList());
      }
    } finally {
      System.setErr(stderr);
    }

    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    assertThat(helps).hasSizeGreaterThan(40);
    assertThat(String.join("\n", helps)).contains("more than 20% of the previous").doesNotContain("%%");
  }

  /**
   * The JVM's launcher reads every method of the main class to find main, loading each type their signatures name: one
   * picocli type there loads and verifies picocli's largest class before the --server fast path, which needs none of it.
   * Nothing guarded that (review4 F12).
   */
  @Test
  void theMainClassNamesNoPicocliTypeSoItsFastPathLoadsNone() {
    List<String> named = new ArrayList<>();
    for (java.lang.reflect.Method method : CompactCli.class.getDeclaredMethods()) {
      named.add(method.getReturnType().getName());
      for (Class<?> parameter : method.getParameterTypes()) {
        named.add(parameter.getName());
      }
    }

    assertThat(named).isNotEmpty().noneMatch(type -> type.startsWith("picocli."));
  }
}
