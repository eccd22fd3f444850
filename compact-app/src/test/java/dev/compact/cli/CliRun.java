package dev.compact.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process and captures what it prints, as a user would see it. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = CompactCommandLine.of(args);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /**
   * Runs the CLI as its own process in {@code workingDirectory}, for what depends on the folder a user
   * runs it from (the default record {@code compact-data/compact.db}).
   */
  static CliRun in(Path workingDirectory, String... args) {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), CompactCli.class.getName()));
    command.addAll(java.util.List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
          .redirectError(workingDirectory.resolve(".cli-err").toFile()).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("compact " + String.join(" ", args) + " did not end within 5 minutes");
      }
      String err = Files.readString(workingDirectory.resolve(".cli-err"));
      Files.delete(workingDirectory.resolve(".cli-err"));
      return new CliRun(process.exitValue(), out, err);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The repository root, found from wherever Maven runs the tests. */
  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples/kyiv-compact"))) {
        return dir;
      }
    }
    throw new IllegalStateException("repository root not found");
  }

  static String example(String relative) {
    return root().resolve("examples").resolve(relative).toString();
  }
}
