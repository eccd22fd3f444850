package dev.compact.cli;

import dev.compact.sanctions.ListLoader;
import dev.compact.screening.evaluation.SyntheticCustomers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
      Files.createDirectories(out.toAbsolutePath().getParent());
      OutputFile.write(out, w -> {
        w.write("customer_id,name,type,dob,country\n");
        try {
          SyntheticCustomers.generate(ListLoader.bundled(), rows, seed, c -> {
            try {
              w.write(ScreenCommand.csvLine(List.of(c.id(), c.name(), c.type(), c.dob(), c.country())));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      });
    } catch (IOException e) {
      spec.commandLine().getErr().println("compact bench customers: cannot write " + out + ": " + OutputFile.reason(e));
      return 1;
    }
    spec.commandLine().getOut().printf("Wrote %,d customers (seed %d) to %s%n", rows, seed, out);
    return 0;
  }
}
