package dev.compact.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compact users password NAME}: sets or changes the password an account signs in to the
 * dashboard with. The password is read from the terminal without echo, or from standard input, never
 * from the command line, where the shell's history and the process list would keep it.
 */
@Command(name = "password", mixinStandardHelpOptions = true,
    description = "Set or change an account's dashboard password (asked for without echo, or read from standard input); ends its sessions.")
final class UsersPassword extends UsersCommand.DbCommand {
  @Parameters(paramLabel = "NAME")
  String name;

  @Option(names = "--password-stdin", description = "Read the password from the first line of standard input, e.g. from a secrets manager.")
  boolean fromStdin;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> password;
    try {
      password = fromStdin ? firstLine(System.in) : fromTerminal(err);
    } catch (IOException e) {
      err.println("compact users password: cannot read standard input: " + e.getMessage());
      return 1;
    }
    if (password.isEmpty()) {
      return 1;
    }
    return withAccounts(accounts -> {
      accounts.passwords().set(name, password.get());
      spec.commandLine().getOut().printf("password set for %s; its dashboard sessions were ended%n", name);
      return 0;
    });
  }

  private Optional<String> firstLine(InputStream in) throws IOException {
    // Read a little past the longest password allowed, so that a stray file does not fill the memory.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    for (int n; bytes.size() <= 8192 && (n = in.read(buffer)) != -1; ) {
      bytes.write(buffer, 0, n);
    }
    if (bytes.size() > 8192) {
      spec.commandLine().getErr().println("compact users password: standard input is longer than any password (more than 8 KB); nothing was changed");
      return Optional.empty();
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    String line = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (line.contains("\n") || line.contains("\r")) {
      spec.commandLine().getErr().println("compact users password: standard input has more than one line; give the password alone on one line");
      return Optional.empty();
    }
    if (line.isEmpty()) {
      spec.commandLine().getErr().println("compact users password: standard input is empty; give the password on one line");
      return Optional.empty();
    }
    return Optional.of(line);
  }

  private Optional<String> fromTerminal(PrintWriter err) {
    Console console = System.console();
    char[] first = console == null ? null : console.readPassword("New password for %s (at least 12 characters): ", name);
    if (first == null) {
      err.println("compact users password: no terminal to ask for the password; pipe it in with --password-stdin");
      return Optional.empty();
    }
    char[] second = console.readPassword("The same again: ");
    try {
      if (second == null || !Arrays.equals(first, second)) {
        err.println("compact users password: the two passwords differ; nothing was changed");
        return Optional.empty();
      }
      return Optional.of(new String(first));
    } finally {
      Arrays.fill(first, ' ');
      if (second != null) {
        Arrays.fill(second, ' ');
      }
    }
  }
}
