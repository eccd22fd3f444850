package dev.compact.cli;

import dev.compact.store.ChainVerifier;
import dev.compact.store.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code compact verify --db URL}: recomputes the hash chain and names the first bad event. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify the record: recompute the hash chain of every event.",
        "Exit code 0 if intact, 1 naming the first altered, removed, inserted or reordered event."})
final class VerifyCommand implements Callable<Integer> {

  @Option(names = "--db", defaultValue = "compact-data/compact.db", description = "The database (as for serve). Default: ${DEFAULT-VALUE}.")
  String db;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!db.contains(":") && !java.nio.file.Files.exists(java.nio.file.Path.of(db))) {
      err.println("compact verify: no database at " + db);
      return 1;
    }
    try (Database database = Database.open(db)) {
      ChainVerifier.Result result = ChainVerifier.verify(database);
      if (result.intact()) {
        out.printf("%d events verified: the chain is intact%n", result.checked());
        out.flush();
        return 0;
      }
      ChainVerifier.Break first = result.firstBreak().orElseThrow();
      err.printf("the record has been tampered with: event %d: %s (%d events before it verified)%n", first.seq(), first.reason(), result.checked());
      err.flush();
      return 1;
    } catch (RuntimeException e) {
      err.println("compact verify: cannot open " + db + ": " + ServeCommand.rootMessage(e));
      return 1;
    }
  }
}
