package dev.compact.api;

import dev.compact.agreements.PartyCode;
import dev.compact.service.CompactCatalog;
import dev.compact.service.Fields;
import dev.compact.service.NotFound;
import dev.compact.service.RecordService;
import dev.compact.service.Registrations;
import dev.compact.trust.Signatures;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Parties' public keys and their signatures over agreement versions. A signature is recorded only
 * if it verifies against the party's registered key and names a version the record knows.
 */
@RestController
@RequestMapping("/api")
class SignaturesController {
  private final RecordService record;
  private final CompactCatalog catalog;

  SignaturesController(RecordService record, CompactCatalog catalog) {
    this.record = record;
    this.catalog = catalog;
  }

  /** Registers a party's Ed25519 public key (PEM). A party's key is registered once. */
  @PostMapping(path = "/parties/{party}/key", consumes = {"application/x-pem-file", MediaType.TEXT_PLAIN_VALUE})
  @ResponseStatus(HttpStatus.CREATED)
  KeyRecorded registerKey(@PathVariable String party, @RequestBody String pem,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    PartyCode code = Fields.party(party, "party");
    dev.compact.access.Actor actor = ApiAuthentication.actor(request);
    // Checked again in the service; asked first here so that a refused desk learns nothing about the key.
    allowedToActAs(actor, code, "register its signing key");
    PublicKey publicKey = Signatures.publicKey(pem);
    var stored = record.registrations().registerKey(new Registrations.KeyRegistered(code.value(), Signatures.publicPem(publicKey)), Optional.ofNullable(key),
        actor).getFirst();
    return new KeyRecorded(code.value(), stored.hash());
  }

  /** A registered key: the party and the hash of the event in the chain. */
  record KeyRecorded(String party, String hash) {}

  /** A recorded signature: what was signed, by whom, and the hash of the event in the chain. */
  record SignatureRecorded(String agreement, String party, String versionHash, String hash) {}

  record SignatureInput(String party, String versionHash, String signature) {}

  @PostMapping("/agreements/{id}/signatures")
  @ResponseStatus(HttpStatus.CREATED)
  SignatureRecorded sign(@PathVariable String id, @RequestBody SignatureInput body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      jakarta.servlet.http.HttpServletRequest request) {
    PartyCode party = Fields.party(body.party(), "party");
    dev.compact.access.Actor actor = ApiAuthentication.actor(request);
    allowedToActAs(actor, party, "sign agreements");
    String hash = Fields.required(body.versionHash(), "versionHash");
    boolean known = catalog.agreements().stream().anyMatch(a -> a.id().value().equals(id) && a.versionHash().hex().equals(hash))
        || record.queries().versions(id).stream().anyMatch(v -> hash.equals(v.versionHash()));
    if (!known) {
      throw new NotFound("no version " + hash + " of agreement '" + id + "' in the record");
    }
    // The service checks the signature against the party's registered key before it records it.
    var stored = record.registrations().sign(new Registrations.AgreementSigned(id, hash, party.value(), Fields.required(body.signature(), "signature")),
        Optional.ofNullable(key), actor)
        .getFirst();
    return new SignatureRecorded(id, party.value(), hash, stored.hash());
  }

  private static void allowedToActAs(dev.compact.access.Actor actor, PartyCode party, String what) {
    var verdict = dev.compact.access.Permissions.actAs(actor.roles(), party, what);
    if (!verdict.allowed()) {
      throw new dev.compact.access.Forbidden(actor.name() + ": " + verdict.reason());
    }
  }

  /**
   * A signature as listed: as recorded, and whether it is a party's signature of a binding text. One over a text that
   * no one signs (recommendations, a proposal) can only be on a record written before that rule; it is listed with
   * {@code partySignature: false} and a note that says so, and the record keeps it as written.
   */
  record SignatureListed(String agreementId, String versionHash, String party, String signature, java.time.Instant signedAt,
      long storeSeq, boolean partySignature, @org.jspecify.annotations.Nullable String note) {}

  @GetMapping("/agreements/{id}/signatures")
  List<SignatureListed> signatures(@PathVariable String id) {
    return record.queries().signatures(id).stream().map(s -> {
      Optional<String> note = record.registrations().signedBeforeTheRule(s.agreementId(), s.versionHash());
      return new SignatureListed(s.agreementId(), s.versionHash(), s.party(), s.signature(), s.signedAt(), s.storeSeq(), note.isEmpty(),
          note.orElse(null));
    }).toList();
  }
}
