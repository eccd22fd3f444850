package dev.compact.api;

import dev.compact.agreements.PartyCode;
import dev.compact.log.TransparencyLog;
import dev.compact.service.Fields;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  Map<String, Object> keys() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("log", log.key().text());
    view.put("witnesses", log.witnesses().stream().map(w -> Map.of("party", w.party().value(), "key", w.key().text())).toList());
    view.put("quorum", log.quorum());
    view.put("latestWitnessed", log.latestWitnessed().orElse(null));
    return view;
  }

  @GetMapping("/proof/inclusion")
  Map<String, Object> inclusion(@RequestParam long index, @RequestParam long size) {
    return Map.of("index", index, "size", size, "proof", base64(log.inclusion(index, size)));
  }

  @GetMapping("/proof/consistency")
  Map<String, Object> consistency(@RequestParam long from, @RequestParam long to) {
    return Map.of("from", from, "to", to, "proof", base64(log.consistency(from, to)));
  }

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
