package dev.compact.service;

import dev.compact.store.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The record's own events that the engine never sees: parties' keys, their signatures over agreement
 * versions, and the versions themselves, each checked before it is recorded (once per party, a
 * signature that verifies, a version registered once).
 */
final class Registrations {
  private final RecordService record;
  /** The record service's lock: a check and the append it allows are one step for this instance. */
  private final ReentrantLock lock;

  Registrations(RecordService record, ReentrantLock lock) {
    this.record = record;
    this.lock = lock;
  }

  /** Registers a party's public key on behalf of an actor: only that party's desk may (checked here, for every way in). */
  List<StoredEvent> registerKey(RecordService.KeyRegistered key, Optional<String> idempotencyKey, dev.compact.access.Actor actor) {
    WritePolicy.authorize(actor, dev.compact.access.Permissions.actAs(actor.roles(), new dev.compact.agreements.PartyCode(key.party()),
        "register its signing key"));
    dev.compact.trust.Signatures.publicKey(key.publicKey());
    lock.lock();
    try {
      // Once per party: a second key would let whoever holds it sign as the party beside the first.
      if (record.queries().partyKey(key.party()).isPresent()) {
        throw new dev.compact.store.ConcurrencyConflict("party-key-" + key.party(), 0, 1);
      }
      return record.recordOnly("party-key-" + key.party(), RecordService.KEY_REGISTERED, key, idempotencyKey, actor.name());
    } finally {
      lock.unlock();
    }
  }

  /** Records a party's verified signature on behalf of an actor: only that party's desk may sign as it. */
  List<StoredEvent> sign(RecordService.AgreementSigned signed, Optional<String> idempotencyKey, dev.compact.access.Actor actor) {
    WritePolicy.authorize(actor, dev.compact.access.Permissions.actAs(actor.roles(), new dev.compact.agreements.PartyCode(signed.party()),
        "sign agreements"));
    // Verified here, not only by the caller: the record holds no signature that does not verify.
    String pem = record.queries().partyKey(signed.party()).map(PartyKeyView::publicKey)
        .orElseThrow(() -> new InvalidInput(signed.party() + " has no registered key; register it at /api/parties/" + signed.party()
            + "/key first", List.of()));
    if (!dev.compact.trust.Signatures.verify(dev.compact.trust.Signatures.publicKey(pem), signed.agreementId(), signed.party(),
        signed.versionHash(), signed.signature())) {
      throw new InvalidInput("the signature does not verify with " + signed.party() + "'s key over version " + signed.versionHash()
          + " of '" + signed.agreementId() + "'", List.of());
    }
    return record.recordOnly("signatures-" + signed.agreementId(), RecordService.AGREEMENT_SIGNED, signed, idempotencyKey, actor.name());
  }

  /**
   * Registers a checked agreement version. Registering the same version again records nothing and
   * returns the first registration.
   */
  List<StoredEvent> registerVersion(RecordService.VersionRegistered version, Optional<String> idempotencyKey, String actor) {
    lock.lock();
    try {
      Optional<VersionView> existing = record.queries().version(version.versionHash());
      if (existing.isPresent()) {
        return record.store().read(existing.get().storeSeq(), 1);
      }
      return record.recordOnly("agreement-" + version.agreementId(), RecordService.VERSION_REGISTERED, version, idempotencyKey, actor);
    } finally {
      lock.unlock();
    }
  }
}
