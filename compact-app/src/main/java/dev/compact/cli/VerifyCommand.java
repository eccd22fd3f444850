package dev.compact.cli;

import dev.compact.store.ChainVerifier;
import dev.compact.store.Database;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact verify --db URL [--checkpoint FILE] [--trust KEYS]}: recomputes the hash chain and
 * the transparency log and names the first bad event; against a checkpoint issued earlier, the
 * first event whose leaf differs from what it committed to.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify the record: recompute the hash chain and the transparency log of every event.",
        "With --checkpoint, hold the log against a checkpoint issued earlier (see docs/transparency.md).",
        "With --read-models, also recompute what the API and the pages show from the log and compare it with the database.",
        "Exit code 0 if intact, 1 naming the first altered, removed, inserted or reordered event (or differing row)."})
final class VerifyCommand implements Callable<Integer> {

  @Option(names = "--db", defaultValue = "compact-data/compact.db", description = "The database (as for serve). Default: ${DEFAULT-VALUE}.")
  String db;

  @Option(names = "--checkpoint", paramLabel = "FILE", description = "A checkpoint (signed note) the log issued earlier, e.g. one a witness kept;"
      + " the record (or with --export, the export) must extend it.")
  java.nio.file.Path checkpoint;

  @Option(names = "--trust", paramLabel = "KEYS", description = "A file of verifier keys, one per line: the log's (checks the checkpoint's"
      + " signature and lets the checkpoints kept in the database count too) and, for --export, the witnesses' keys, each as PARTY=KEY"
      + " (keys of one party count once; a key without PARTY= counts as the party of its name).")
  java.nio.file.Path trust;

  @Option(names = "--export", paramLabel = "DIR", description = "Verify a public export (compact export --public) offline instead of a"
      + " database: every leaf against the latest checkpoint the log signed; needs --trust with the log's key and the witnesses' keys.")
  java.nio.file.Path export;

  @Option(names = "--quorum", description = "With --export: how many distinct trusted parties must have cosigned the checkpoint"
      + " (default: 1 when --trust lists witness keys, else 0).")
  Integer quorum;

  @Option(names = "--read-models", description = "Also fold the log with the service's own projection (as compact rebuild does) into a"
      + " scratch database and compare every row of the read models the API and the pages show (obligation states, transitions,"
      + " incidents, consultations, support, versions, keys, signatures) with the database's; needs the compact the record belongs to.")
  boolean readModels;

  @Option(names = "--compact", defaultValue = "examples/kyiv-compact", description = "With --read-models: the compact the record belongs"
      + " to, whose rules the fold applies (as for serve); refused when its agreement texts are not those the log last recorded."
      + " Default: ${DEFAULT-VALUE}.")
  java.nio.file.Path compact;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Said when a failure was found in a read without locks of a record that changed meanwhile, before it is read again
   * under SQLite's locks.
   */
  static final String AGAIN = "note: the record changed while it was read without locks (nothing had it open when verify began), so what"
      + " was read may mix the record before and after; verifying it again under SQLite's locks";

  /** How many differing rows are named before the rest are only counted. */
  private static final int NAMED = 10;

  /**
   * Folds the log into a scratch database and compares the read models; returns how many rows differ
   * (1 when the fold itself is impossible).
   */
  private int verifyReadModels(Database database, dev.compact.engine.Engine engine, PrintWriter out, PrintWriter err) {
    dev.compact.service.ReadModelCheck.Result check;
    try {
      check = dev.compact.service.ReadModelCheck.check(database, engine, NAMED);
    } catch (dev.compact.service.ReadModelCheck.Unfoldable e) {
      err.println("the read models cannot be recomputed: " + e.getMessage());
      return 1;
    } catch (dev.compact.service.ReadModelCheck.OtherTexts e) {
      // The fold applies the folder's rules: another folder would recompute other states and call them matching.
      err.printf("the agreement texts in %s are not those the log last recorded (event %d), which the service applied:%n", compact,
          e.recordedAt());
      e.differences().forEach(d -> err.println("  " + d));
      err.println("give --compact the folder whose texts the log recorded (compact check prints each agreement's version hash)");
      return 1;
    }
    if (check.texts().isEmpty()) {
      out.println("note: the log records no agreement texts (a record created before they were recorded, whose service has not"
          + " started since): nothing shows that " + compact + " holds the texts the service applied");
    } else {
      out.printf("the agreement texts in %s are those the log last recorded (event %d)%n", compact, check.texts().get());
    }
    if (check.matches()) {
      out.printf("the read models match the log: %d rows recomputed from %d events%n", check.rows(), check.events());
      return 0;
    }
    err.printf("the read models differ from what the log gives (%d row%s of %d):%n", check.differing(), check.differing() == 1 ? "" : "s",
        check.rows());
    check.differences().forEach(d -> err.println("  " + d.describe()));
    if (check.differing() > check.differences().size()) {
      err.printf("  and %d more%n", check.differing() - check.differences().size());
    }
    err.println("compact rebuild --db URL recomputes them from the log (and overwrites what was changed)");
    return (int) Math.min(Integer.MAX_VALUE, check.differing());
  }

  /**
   * {@code verify --export DIR --trust KEYS [--checkpoint FILE]}: the export alone, as an outsider
   * holds it, every leaf against the latest checkpoint the log signed, and held to the outsider's
   * own earlier checkpoint when given.
   */
  private int verifyExport(PrintWriter out, PrintWriter err) {
    if (trust == null) {
      err.println("compact verify: --export needs --trust KEYS (the log's verifier key and the witnesses' keys you trust)");
      return 1;
    }
    try {
      Checkpoints trusted = Checkpoints.read(checkpoint, trust);
      if (trusted.logKey().isEmpty()) {
        err.println("compact verify: " + trust + " has no log key (a key of type 0x01, as GET /api/log/keys shows it)");
        return 1;
      }
      int needed = quorum != null ? quorum : trusted.witnesses().isEmpty() ? 0 : 1;
      long parties = trusted.witnesses().stream().map(dev.compact.transparency.TrustedWitness::party).distinct().count();
      if (needed > parties) {
        err.println("compact verify: --quorum " + needed + " but the witness keys in " + trust + " are of " + parties + " part"
            + (parties == 1 ? "y" : "ies") + ": no checkpoint could be witnessed (the quorum counts parties, not keys)");
        return 1;
      }
      var result = dev.compact.log.PublicExport.verify(export, trusted.logKey().get(), trusted.witnesses(), needed,
          trusted.given().stream().findFirst());
      if (!result.verified()) {
        err.println("the export does not verify: " + result.problem().orElseThrow());
        err.flush();
        return 1;
      }
      var latest = result.checkpoint().orElseThrow();
      var witnessed = result.witnessed().orElseThrow();
      out.printf("%d leaves verified against checkpoint %d of %s, signed by the log; %d public events match their digests%n",
          result.leaves(), latest.size(), latest.origin(), result.publicEvents());
      if (needed == 0) {
        out.println("no witness required (--quorum 0, or no witness key in " + trust + ")");
      } else {
        out.printf("checkpoint %d is witnessed: cosigned by %s (quorum %d)%n", witnessed.size(), String.join(", ", result.witnesses()), needed);
        if (witnessed.size() < latest.size()) {
          out.printf("leaves %d to %d are signed by the log but not yet witnessed%n", witnessed.size(), latest.size() - 1);
        }
      }
      trusted.given().stream().findFirst().ifPresent(mine -> out.printf("the export extends your checkpoint %d (%s)%n", mine.size(), checkpoint));
      out.flush();
      return 0;
    } catch (java.io.IOException | IllegalArgumentException e) {
      err.println("compact verify: " + e.getMessage());
      return 1;
    }
  }

  /** The size of the largest checkpoint the database kept, its signature unchecked; 0 when none. */
  private static long largestKeptCheckpoint(Database database) {
    String size = dev.compact.store.Sql.query(database, "SELECT MAX(size) FROM log_checkpoints", 1).getFirst()[0];
    return size == null ? 0 : Long.parseLong(size);
  }

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
        if (event.type().equals(dev.compact.service.Registrations.KEY_REGISTERED)) {
          var key = codec.read(event.payload(), dev.compact.service.Registrations.KeyRegistered.class);
          keys.putIfAbsent(key.party(), key.publicKey());
        } else if (event.type().equals(dev.compact.service.Registrations.AGREEMENT_SIGNED)) {
          var signed = codec.read(event.payload(), dev.compact.service.Registrations.AgreementSigned.class);
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
    if (export != null) {
      return verifyExport(out, err);
    }
    if (DatabaseCommand.missing(db)) {
      err.println("compact verify: no database at " + db);
      return 1;
    }
    Optional<dev.compact.engine.Engine> engine = Optional.empty();
    if (readModels) {
      Optional<dev.compact.agreements.Compact> loaded = Sources.compact(compact, err);
      if (loaded.isEmpty()) {
        err.println("compact verify: --read-models needs the compact the record belongs to; " + compact + " does not give one (--compact DIR)");
        return 1;
      }
      engine = Optional.of(dev.compact.engine.Engine.of(loaded.get()));
    }
    Checkpoints trusted;
    try {
      trusted = Checkpoints.read(checkpoint, trust);
    } catch (IllegalArgumentException | java.io.IOException e) {
      err.println("compact verify: " + e.getMessage());
      return 1;
    }
    // Opened read-only, never migrated: verifying must leave the record as it found it, bytes and schema. A record
    // nothing has open is read as an immutable file, without locks (no side files beside evidence); what that read says
    // is held back until it is known that the record stayed as it was read.
    java.io.StringWriter saidOut = new java.io.StringWriter();
    java.io.StringWriter saidErr = new java.io.StringWriter();
    boolean changed;
    int code;
    try (Database database = Database.openReadOnly(db)) {
      try (PrintWriter heldOut = new PrintWriter(saidOut); PrintWriter heldErr = new PrintWriter(saidErr)) {
        code = verifyOpened(database, trusted, engine, heldOut, heldErr);
      } catch (RuntimeException e) {
        if (!database.changedWhileRead()) {
          // What the checks before it found stands (review7 L1: it was lost with the error).
          out.print(saidOut);
          out.flush();
          err.print(saidErr);
          err.flush();
          throw e;
        }
        code = 1;
      }
      changed = code != 0 && database.changedWhileRead();
    } catch (RuntimeException e) {
      err.println("compact verify: cannot open " + Database.redacted(db) + ": " + ServeCommand.rootMessage(e));
      return 1;
    }
    if (!changed) {
      out.print(saidOut);
      out.flush();
      err.print(saidErr);
      err.flush();
      return code;
    }
    // A failure found in a read that a writer may have torn (review7 M1: touching the file alone made it so) is checked
    // again under SQLite's locks, and that read's verdict is the one given, whatever touches the file meanwhile.
    out.println(AGAIN);
    try (Database database = Database.openReadOnlyUnderLocks(db)) {
      return verifyOpened(database, trusted, engine, out, err);
    } catch (RuntimeException e) {
      err.println("compact verify: cannot open " + Database.redacted(db) + ": " + ServeCommand.rootMessage(e));
      return 1;
    }
  }

  private int verifyOpened(Database database, Checkpoints trusted, Optional<dev.compact.engine.Engine> engine, PrintWriter out,
      PrintWriter err) {
    ChainVerifier.Result result = ChainVerifier.verify(database);
    if (result.intact()) {
      // A rewrite that recomputed every later hash and the head passes the chain: only the log catches it.
      java.util.List<dev.compact.transparency.Checkpoint> checkpoints = new java.util.ArrayList<>(trusted.given());
      checkpoints.addAll(trusted.kept(database));
      // Read before the events, as the kept ones are: a live record only grows past its checkpoints meanwhile.
      long largestKept = trusted.logKey().isPresent() ? 0 : largestKeptCheckpoint(database);
      dev.compact.store.LogVerifier.Result log = dev.compact.store.LogVerifier.verify(database, checkpoints, trusted.logKey().isPresent());
      if (!log.intact()) {
        ChainVerifier.Break first = log.firstBreak().orElseThrow();
        err.printf("the record has been tampered with: event %d (leaf %d): %s%n", first.seq(), first.seq() - 1, first.reason());
        err.flush();
        return 1;
      }
      if (largestKept > log.checked()) {
        // Without the log's key the kept checkpoints prove nothing, but one beyond the end is a change either way.
        err.printf("the record has been tampered with: event %d (leaf %d): the record ends at event %d but the database kept a"
            + " checkpoint of size %d: events %d to %d were removed, or that checkpoint's row was added (its signature was not"
            + " checked: give the log's key with --trust)%n", log.checked() + 1, log.checked(), log.checked(), largestKept,
            log.checked() + 1, largestKept);
        err.flush();
        return 1;
      }
      out.printf("%d events verified: the chain is intact%n", result.checked());
      out.printf("the transparency log of %d leaves matches the events%s%n", log.checked(), log.matched().isEmpty() ? ""
          : " and " + log.matched().size() + " checkpoint" + (log.matched().size() == 1 ? "" : "s")
              + " (the latest of size " + log.matched().getLast().size() + ")");
      if (trusted.logKey().isEmpty()) {
        // Without the log's key nothing here is signed: a writer of the database can recompute
        // every hash, leaf and subtree, or cut the tail off and move the head back, and pass.
        out.println("note: the log's checkpoints' signatures were not checked (no log key given with --trust): a history rewritten"
            + " with every hash recomputed passes without them, and so does one cut back with its checkpoint rows removed"
            + " (docs/transparency.md)");
      }
      trusted.warnings().forEach(out::println);
      int bad = verifySignatures(database, out, err);
      bad += dev.compact.sanctionsregister.ListFilesCheck.check(database).report(out, err);
      if (engine.isPresent()) {
        bad += verifyReadModels(database, engine.get(), out, err);
      }
      out.flush();
      err.flush();
      return bad == 0 ? 0 : 1;
    }
    ChainVerifier.Break first = result.firstBreak().orElseThrow();
    err.printf("the record has been tampered with: event %d: %s (%d events before it verified)%n", first.seq(), first.reason(), result.checked());
    err.flush();
    return 1;
  }
}
