package dev.compact.transparency;

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
}
