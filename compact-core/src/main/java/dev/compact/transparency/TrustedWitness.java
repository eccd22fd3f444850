package dev.compact.transparency;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A witness key a verifier trusts, with the party it belongs to: a quorum counts parties, so that a
 * party holding two keys cannot cosign as two witnesses.
 */
public record TrustedWitness(String party, NoteKey key) {

  /**
   * A key given without a party, which counts as the party its name stands for: a signed note names
   * its signer by the key's name, so keys under one name (one witness's old and new key) count once.
   */
  public static TrustedWitness named(NoteKey key) {
    return new TrustedWitness(key.name(), key);
  }

  /**
   * Why {@code witnesses} cannot be counted towards a quorum, if they cannot. A cosignature signs the
   * checkpoint and its time, not the witness's name (C2SP tlog-cosignature), so one witness's line,
   * copied under another name with that name's key ID, verifies with the same public key listed
   * under that name: one key listed for two parties would be one witness counted twice. And the
   * log's own key is no witness: the operator holds it.
   */
  public static Optional<String> conflict(List<TrustedWitness> witnesses, NoteKey log) {
    Map<ByteBuffer, TrustedWitness> seen = new HashMap<>();
    for (TrustedWitness witness : witnesses) {
      if (log != null && Arrays.equals(witness.key().publicKey(), log.publicKey())) {
        return Optional.of(witness.party() + "'s witness key " + witness.key().name() + " is the log's own key "
            + log.name() + ": the log's operator holds it, so it witnesses nothing");
      }
      TrustedWitness before = seen.putIfAbsent(ByteBuffer.wrap(witness.key().publicKey()), witness);
      if (before != null && !before.party().equals(witness.party())) {
        return Optional.of("one public key is listed for " + before.party() + " (" + before.key().name() + ") and for "
            + witness.party() + " (" + witness.key().name() + "): a cosignature does not sign its witness's name, so one key"
            + " is one witness, of one party");
      }
    }
    return Optional.empty();
  }
}
