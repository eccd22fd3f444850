package dev.compact.service;

import dev.compact.agreements.AgreementParser;
import dev.compact.agreements.Classification;
import dev.compact.agreements.Clause;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.SourceFile;
import dev.compact.store.EventStore;
import dev.compact.store.NewEvent;
import dev.compact.store.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The record's own events, which the engine never sees: parties' keys, their signatures over
 * agreement versions, the versions themselves, sanctions list versions and the texts the engine applies. Each is checked before it
 * is recorded (once per party, a signature that verifies, a version registered once) and appended
 * under the record's lock, so that the check and the append are one step for this instance.
 */
public final class Registrations {
  public static final String VERSION_REGISTERED = "agreement-version-registered";
  public static final String KEY_REGISTERED = "party-key-registered";
  public static final String AGREEMENT_SIGNED = "agreement-signed";
  /** A sanctions list version (docs/sanctions-lists.md); read from the log itself by {@code dev.compact.sanctionsregister}, no read model. */
  public static final String LIST_VERSION_RECORDED = "list-version-recorded";
  /** Which agreement texts the engine applies ({@link AppliedTexts}); no read model, read from the log itself. */
  public static final String TEXTS_APPLIED = "compact-texts-applied";
  static final Set<String> RECORD_ONLY = Set.of(VERSION_REGISTERED, KEY_REGISTERED, AGREEMENT_SIGNED, LIST_VERSION_RECORDED, TEXTS_APPLIED);

  /** A party's public key (PEM), registered once; signatures by that party are checked against it. */
  public record KeyRegistered(String party, String publicKey) {}

  /** A second key for a party that has one: refused, since there is no rotation or revocation of party keys. */
  public static final class KeyAlreadyRegistered extends RuntimeException {
    public KeyAlreadyRegistered(String party) {
      super(party + " already has a registered signing key; a party registers"
          + " its key once, and there is no rotation or revocation of party keys yet");
    }
  }

  /** A party's signature over an agreement version's canonical hash. */
  public record AgreementSigned(String agreementId, String versionHash, String party, String signature) {}

  /** An agreement version's text, registered in the record so that what parties sign is on the chain. */
  public record VersionRegistered(String agreementId, String path, String text, String versionHash, String title, int norms) {}

  private final RecordService record;
  private final EngineProjection projection;
  private final dev.compact.agreements.Compact compact;
  /** The record service's lock: no write of this instance comes between a check and its append. */
  private final ReentrantLock lock;

  Registrations(RecordService record, EngineProjection projection, ReentrantLock lock, dev.compact.agreements.Compact compact) {
    this.record = record;
    this.projection = projection;
    this.compact = compact;
    this.lock = lock;
  }

  /** True for the record's own event types (versions, keys, signatures), which the engine never sees. */
  public static boolean isRecordOnly(String type) {
    return RECORD_ONLY.contains(type);
  }

  /** Appends one record-only event (no engine fold) under the lock, e.g. a key or a signature. */
  public List<StoredEvent> recordOnly(String streamId, String type, Object payload, Optional<String> idempotencyKey, String actor) {
    return recordOnly(streamId, OptionalLong.empty(), type, payload, idempotencyKey, actor, connection -> null);
  }

  /**
   * As above, refused with a {@link dev.compact.store.ConcurrencyConflict} unless the stream is at
   * {@code expectedVersion}; {@code alongside} writes what the event refers to (a list version's
   * files) in the append's own transaction, so both are kept or neither.
   */
  public List<StoredEvent> recordOnly(String streamId, OptionalLong expectedVersion, String type, Object payload,
      Optional<String> idempotencyKey, String actor, EventStore.Work<Void> alongside) {
    return recordOnly(streamId, expectedVersion, type, payload, idempotencyKey, actor, alongside, Classification.PUBLIC);
  }

  /** As above, with who may read the event in the transparency log's public export (its leaf's level). */
  private List<StoredEvent> recordOnly(String streamId, OptionalLong expectedVersion, String type, Object payload,
      Optional<String> idempotencyKey, String actor, EventStore.Work<Void> alongside, Classification level) {
    lock.lock();
    try {
      projection.pending.clear();
      try {
        record.admit(record.store().head().seq());
        return record.store().append(streamId, expectedVersion, connection -> {
          alongside.run(connection);
          return List.of(new NewEvent(type, record.codec().json(payload), projection.now(), actor, Keywords.of(level)));
        }, IdempotencyKeys.scoped(idempotencyKey, actor)).events();
      } catch (RuntimeException e) {
        projection.reload();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * What {@link #recordAppliedTexts} found: the event it recorded, if any, how the texts differ from
   * those recorded before, and how many events the read models were rebuilt from under them (with
   * that event, in its transaction), if they were.
   */
  public record TextsCheck(Optional<StoredEvent> recorded, Optional<AppliedTexts.Recorded> before, List<String> differences,
      List<String> warnings, OptionalLong rebuiltFrom) {}

  /**
   * The texts differ from those the log recorded, but the read models could not be rebuilt under
   * them: nothing was recorded, and the read models are those of before.
   */
  public static final class TextsNotApplied extends RuntimeException {
    TextsNotApplied(String message) {
      // No cause: the message is the whole story, and callers that print a cause's root would lose it.
      super(message);
    }
  }

  /**
   * Records, as {@code actor}, which agreement texts the engine applies, when they differ from those
   * the log last recorded (or it recorded none): on a public stream of its own, through the record's
   * one append path, so that a text changed in the compact folder is a public event that witnesses
   * and exports see. A record records them first of all, when it is created ({@link RecordService}).
   * When the log holds other events, the read models are rebuilt from it under these texts in the
   * same transaction, so that what the API shows is what the texts the log names give: both are
   * written, or (a {@link TextsNotApplied}) neither. Two instances starting together record it once:
   * the second finds the stream moved and looks again.
   *
   * @throws TextsNotApplied when the read models cannot be rebuilt under the texts
   */
  public TextsCheck recordAppliedTexts(String actor) {
    AppliedTexts.TextsApplied applied = AppliedTexts.of(compact);
    lock.lock();
    try {
      while (true) {
        Optional<AppliedTexts.Recorded> before = AppliedTexts.last(record.store(), record.codec());
        List<String> warnings = AppliedTexts.unlike(applied, record.queries());
        if (AppliedTexts.same(before, applied)) {
          return new TextsCheck(Optional.empty(), before, List.of(), warnings, OptionalLong.empty());
        }
        List<String> differences = before.map(b -> AppliedTexts.differences(b.texts(), applied)).orElse(List.of());
        boolean rebuild = !record.isEmpty();
        long[] rebuiltFrom = {-1};
        try {
          List<StoredEvent> stored = recordOnly(AppliedTexts.STREAM, OptionalLong.of(record.store().streamVersion(AppliedTexts.STREAM)),
              TEXTS_APPLIED, applied, Optional.empty(), actor, connection -> {
                if (rebuild) {
                  // The tables were folded under the texts before: folded again under these, with the head locked.
                  rebuiltFrom[0] = projection.rebuildInto(connection, connection, Long.MAX_VALUE);
                }
                return null;
              });
          return new TextsCheck(stored.stream().findFirst(), before, differences, warnings,
              rebuiltFrom[0] < 0 ? OptionalLong.empty() : OptionalLong.of(rebuiltFrom[0]));
        } catch (dev.compact.store.ConcurrencyConflict e) {
          // Another instance recorded texts meanwhile: look again.
        } catch (WritesRefused e) {
          throw e;
        } catch (RuntimeException e) {
          if (!rebuild) {
            throw e;
          }
          throw new TextsNotApplied("the agreement texts applied differ from those the log " + before.map(b -> "recorded at event "
              + b.seq()).orElse("recorded (none)") + ", but the read models could not be rebuilt under them: "
              + root(e) + ". Nothing was recorded: the log and the read models are as they were, folded under the texts before");
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private static String root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  /** Registers a party's public key on behalf of an actor: only that party's desk may (checked here, for every way in). */
  public List<StoredEvent> registerKey(KeyRegistered key, Optional<String> idempotencyKey, dev.compact.access.Actor actor) {
    WritePolicy.authorize(actor, dev.compact.access.Permissions.actAs(actor.roles(), new dev.compact.agreements.PartyCode(key.party()),
        "register its signing key"));
    dev.compact.trust.Signatures.publicKey(key.publicKey());
    String streamId = "party-key-" + key.party();
    lock.lock();
    try {
      // A retry of the registration is answered with what it recorded, before the check below would
      // refuse it for the key it registered itself.
      Optional<String> scoped = IdempotencyKeys.scoped(idempotencyKey, actor.name());
      if (scoped.isPresent()) {
        Optional<List<StoredEvent>> earlier = record.store().recorded(scoped.get(), streamId,
            List.of(new NewEvent(KEY_REGISTERED, record.codec().json(key), projection.now(), actor.name(), Keywords.of(Classification.PUBLIC))));
        if (earlier.isPresent()) {
          return earlier.get();
        }
      }
      // Once per party: a second key would let whoever holds it sign as the party beside the first.
      if (record.queries().partyKey(key.party()).isPresent()) {
        throw new KeyAlreadyRegistered(key.party());
      }
      return recordOnly(streamId, KEY_REGISTERED, key, idempotencyKey, actor.name());
    } finally {
      lock.unlock();
    }
  }

  /** Records a party's verified signature on behalf of an actor: only that party's desk may sign as it. */
  public List<StoredEvent> sign(AgreementSigned signed, Optional<String> idempotencyKey, dev.compact.access.Actor actor) {
    WritePolicy.authorize(actor, dev.compact.access.Permissions.actAs(actor.roles(), new dev.compact.agreements.PartyCode(signed.party()),
        "sign agreements"));
    // Only a party to the version signed signs it: a desk's key proves who signed, not that its state is bound.
    SignedVersion version = signedVersion(signed.agreementId(), signed.versionHash());
    if (!(version instanceof SignedVersion.Unknown)) {
      WritePolicy.authorize(actor, dev.compact.access.Permissions.signatory(version instanceof SignedVersion.Known known
          ? known.text().parties() : List.of(), new dev.compact.agreements.PartyCode(signed.party()), signed.agreementId()));
    }
    // A text published as recommendations is signed by no one, by this route as by the lifecycle's (audit 5, C23).
    if (version instanceof SignedVersion.Known known) {
      dev.compact.access.Permissions.unsignable(known.text(), "signed").ifPresent(reason -> {
        throw new InvalidInput(reason + "; nothing was recorded", List.of());
      });
    }
    // Verified here, not only by the caller: the record holds no signature that does not verify.
    String pem = record.queries().partyKey(signed.party()).map(PartyKeyView::publicKey)
        .orElseThrow(() -> new InvalidInput(signed.party() + " has no registered key; register it at /api/parties/" + signed.party()
            + "/key first", List.of()));
    if (!dev.compact.trust.Signatures.verify(dev.compact.trust.Signatures.publicKey(pem), signed.agreementId(), signed.party(),
        signed.versionHash(), signed.signature())) {
      throw new InvalidInput("the signature does not verify with " + signed.party() + "'s key over version " + signed.versionHash()
          + " of '" + signed.agreementId() + "'", List.of());
    }
    return recordOnly("signatures-" + signed.agreementId(), AGREEMENT_SIGNED, signed, idempotencyKey, actor.name());
  }

  /**
   * Why a signature the record holds over this version is not a party's signature of a binding text, if it is not: a
   * text published as recommendations or as a proposal is signed by no one (audit 5, C23), but a record written before
   * that rule may hold such a signature. The record keeps it as written; whoever lists it says what it is.
   */
  public Optional<String> signedBeforeTheRule(String agreementId, String versionHash) {
    return signedVersion(agreementId, versionHash) instanceof SignedVersion.Known known ? beforeTheRule(known.text(), "signature")
        : Optional.empty();
  }

  /**
   * What a {@code act} ("signature", "ratification") on this text is, when the text cannot be signed or ratified: one
   * recorded before the rule, not a party's of a binding text. Empty for a text open to signature.
   */
  public static Optional<String> beforeTheRule(dev.compact.agreements.Agreement text, String act) {
    if (!text.lifecycle().unsignable()) {
      return Optional.empty();
    }
    return Optional.of("recorded before the rule that " + text.id().value() + " cannot be signed or ratified: not a party's " + act
        + " of a binding text, since the text was " + text.lifecycle().describe() + " (agreement-format.md, section 13.15)");
  }

  /** What the record knows of the agreement version a signature names. */
  private sealed interface SignedVersion {
    /** A version the record does not know (the caller's 404). */
    record Unknown() implements SignedVersion {}

    /** A registered text that no longer parses: it has no parties, and no one signs it. */
    record Unreadable() implements SignedVersion {}

    /** The served agreement when it is that version, else its registered text. */
    record Known(dev.compact.agreements.Agreement text) implements SignedVersion {}
  }

  private SignedVersion signedVersion(String agreementId, String versionHash) {
    for (dev.compact.agreements.Agreement agreement : compact.allAgreements()) {
      if (agreement.id().value().equals(agreementId) && agreement.versionHash().hex().equals(versionHash)) {
        return new SignedVersion.Known(agreement);
      }
    }
    return record.queries().version(versionHash).filter(v -> v.agreementId().equals(agreementId))
        .flatMap(v -> record.store().read(v.storeSeq(), 1).stream().findFirst())
        .map(stored -> record.codec().read(stored.payload(), VersionRegistered.class))
        .<SignedVersion>map(version -> AgreementParser.parse(new SourceFile(version.path(), version.text())).value()
            .<SignedVersion>map(SignedVersion.Known::new).orElseGet(SignedVersion.Unreadable::new))
        .orElseGet(SignedVersion.Unknown::new);
  }

  /** Registers an agreement version on behalf of an actor: the secretariat's job. */
  public List<StoredEvent> registerVersion(VersionRegistered version, Optional<String> idempotencyKey, dev.compact.access.Actor actor) {
    WritePolicy.authorize(actor, dev.compact.access.Permissions.registerVersion(actor.roles()));
    return registerVersion(version, idempotencyKey, actor.name());
  }

  /**
   * Registers a checked agreement version. Registering the same version again records nothing and
   * returns the first registration.
   */
  public List<StoredEvent> registerVersion(VersionRegistered version, Optional<String> idempotencyKey, String actor) {
    lock.lock();
    try {
      Optional<VersionView> existing = record.queries().version(version.versionHash());
      if (existing.isPresent()) {
        return record.store().read(existing.get().storeSeq(), 1);
      }
      return recordOnly("agreement-" + version.agreementId(), OptionalLong.empty(), VERSION_REGISTERED, version, idempotencyKey, actor,
          connection -> null, level(version));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Who may read a registered version: its text holds every clause, restricted and secret ones
   * included, so it is as classified as its most classified clause. A text that no longer parses
   * is kept from the public.
   */
  static Classification level(VersionRegistered version) {
    return AgreementParser.parse(new SourceFile(version.path(), version.text())).value()
        .map(agreement -> agreement.clauses().stream().map(Clause::classification).reduce(Classification.PUBLIC, ClassificationPolicy::max))
        .orElse(Classification.SECRET);
  }
}
