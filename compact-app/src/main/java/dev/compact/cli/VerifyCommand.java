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

  /**
   * Checks every signature in the log against the key its party registered in the log before it;
   * returns how many fail. Reads the chain itself, not the read models, which are only derived.
   */
  private static int verifySignatures(Database database, PrintWriter out, PrintWriter err) {
    dev.compact.service.EventCodec codec = new dev.compact.service.EventCodec();
    dev.compact.store.EventStore store = new dev.compact.store.EventStore(database, java.time.Clock.systemUTC(), java.util.List.of());
    java.util.Map<String, String> keys = new java.util.HashMap<>();
    int checked = 0;
    int bad = 0;
    long from = 1;
    while (true) {
      java.util.List<dev.compact.store.StoredEvent> page = store.read(from, 1000);
      for (dev.compact.store.StoredEvent event : page) {
        from = event.seq() + 1;
        if (event.type().equals(dev.compact.service.RecordService.KEY_REGISTERED)) {
          var key = codec.read(event.payload(), dev.compact.service.RecordService.KeyRegistered.class);
          keys.putIfAbsent(key.party(), key.publicKey());
        } else if (event.type().equals(dev.compact.service.RecordService.AGREEMENT_SIGNED)) {
          var signed = codec.read(event.payload(), dev.compact.service.RecordService.AgreementSigned.class);
          checked++;
          String key = keys.get(signed.party());
          if (key == null || !dev.compact.trust.Signatures.verify(dev.compact.trust.Signatures.publicKey(key), signed.agreementId(),
              signed.party(), signed.versionHash(), signed.signature())) {
            bad++;
            err.printf("event %d: the signature of %s over %s version %s does not verify%n", event.seq(), signed.party(),
                signed.agreementId(), signed.versionHash());
          }
        }
      }
      if (page.size() < 1000) {
        break;
      }
    }
    out.printf("%d of %d signature%s verified%n", checked - bad, checked, checked == 1 ? "" : "s");
    return bad;
  }

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
        int bad = verifySignatures(database, out, err);
        out.flush();
        err.flush();
        return bad == 0 ? 0 : 1;
      }
      ChainVerifier.Break first = result.firstBreak().orElseThrow();
      err.printf("the record has been tampered with: event %d: %s (%d events before it verified)%n", first.seq(), first.reason(), result.checked());
      err.flush();
      return 1;
    } catch (RuntimeException e) {
      err.println("compact verify: cannot open " + Database.redacted(db) + ": " + ServeCommand.rootMessage(e));
      return 1;
    }
  }
}
