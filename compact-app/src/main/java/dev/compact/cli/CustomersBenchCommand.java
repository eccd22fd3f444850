package dev.compact.cli;

import dev.compact.sanctions.ListLoader;
import dev.compact.screening.evaluation.SyntheticCustomers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench customers}: writes a seeded synthetic customer file for the batch and Spark
 * screening benchmarks, in the columns both read (customer_id, name, type, dob, country).
 */
@Command(name = "customers", mixinStandardHelpOptions = true,
    description = {"Write a synthetic customer CSV for screening benchmarks: mostly people and companies on no list,",
        "2%% listed names (half with a typo, swapped words or another case). The same --seed gives the same file."})
final class CustomersBenchCommand implements Callable<Integer> {

  @Option(names = "--rows", defaultValue = "1000000", description = "Customers to write (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "The file to write.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (rows < 1) {
      spec.commandLine().getErr().println("compact bench customers: --rows must be at least 1");
      return 1;
    }
    try {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".customers-", ".csv");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write("customer_id,name,type,dob,country\n");
        SyntheticCustomers.generate(ListLoader.bundled(), rows, seed, c -> {
          try {
            w.write(ScreenCommand.csvLine(List.of(c.id(), c.name(), c.type(), c.dob(), c.country())));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UncheckedIOException e) {
      spec.commandLine().getErr().println("compact bench customers: cannot write " + out + ": " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().printf("Wrote %,d customers (seed %d) to %s%n", rows, seed, out);
    return 0;
  }
}
