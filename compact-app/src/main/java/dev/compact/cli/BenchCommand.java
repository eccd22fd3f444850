package dev.compact.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code compact bench ...}: benchmarks whose figures go into closing notes; speed is measured here,
 * never asserted in unit tests.
 */
@Command(name = "bench", description = "Run a benchmark and print its figures.", mixinStandardHelpOptions = true)
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
