package dev.compact.api;

import dev.compact.agreements.PartyCode;
import dev.compact.log.TransparencyLog;
import dev.compact.service.Fields;
import java.util.Base64;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The transparency log over HTTP: the latest checkpoint exactly as a C2SP note, RFC 9162 proofs
 * (hashes in base64, as checkpoints carry the root), and witnesses' cosignatures.
 */
@RestController
@RequestMapping("/api/log")
class LogController {
  private final TransparencyLog log;

  LogController(TransparencyLog log) {
    this.log = log;
  }

  @GetMapping(path = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
  String checkpoint() {
    return log.latest().format();
  }

  /** The log's verifier key and the witness policy: what a verifier must trust. */
  @GetMapping("/keys")
  LogKeys keys() {
    return new LogKeys(log.key().text(), log.witnesses().stream().map(w -> new WitnessKey(w.party().value(), w.key().text())).toList(),
        log.quorum(), log.latestWitnessed().orElse(null));
  }

  /**
   * What a verifier must trust: the log's verifier key, each witness's key, how many witnesses must
   * cosign, and the latest checkpoint that many did (a C2SP note; null before any).
   */
  record LogKeys(String log, List<WitnessKey> witnesses, int quorum, dev.compact.log.TransparencyLog.Witnessed latestWitnessed) {}

  /** A witness: the party and its verifier key. */
  record WitnessKey(String party, String key) {}

  @GetMapping("/proof/inclusion")
  InclusionProof inclusion(@RequestParam long index, @RequestParam long size) {
    return new InclusionProof(index, size, base64(log.inclusion(index, size)));
  }

  /** An RFC 9162 inclusion proof of leaf {@code index} in the tree of {@code size} leaves; hashes in base64. */
  record InclusionProof(long index, long size, List<String> proof) {}

  @GetMapping("/proof/consistency")
  ConsistencyProof consistency(@RequestParam long from, @RequestParam long to) {
    return new ConsistencyProof(from, to, base64(log.consistency(from, to)));
  }

  /** An RFC 9162 consistency proof between the trees of {@code from} and {@code to} leaves; hashes in base64. */
  record ConsistencyProof(long from, long to, List<String> proof) {}

  /** A witness posts the checkpoint it cosigned (text/plain, the note with its signature line), as its party's account. */
  @PostMapping(path = "/cosignatures", consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.TEXT_PLAIN_VALUE)
  String cosign(@RequestParam String party, @RequestBody String note, jakarta.servlet.http.HttpServletRequest request) {
    PartyCode code = Fields.party(party, "party");
    dev.compact.access.Actor actor = ApiAuthentication.actor(request);
    var verdict = dev.compact.access.Permissions.actAs(actor.roles(), code, "cosign the log's checkpoints");
    if (!verdict.allowed()) {
      throw new dev.compact.access.Forbidden(verdict.reason());
    }
    return log.cosign(code, note).format();
  }

  private static List<String> base64(List<byte[]> hashes) {
    return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
  }
}
