package dev.compact.log;

import dev.compact.agreements.PartyCode;
import dev.compact.transparency.NoteKey;

/** A party that cosigns the log's checkpoints, and the cosignature key (type 0x04) it does it with. */
public record Witness(PartyCode party, NoteKey key) {
  /** Parses {@code PARTY=vkey}, as {@code compact.log.witnesses} lists them. */
  public static Witness parse(String setting) {
    int equals = setting.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException("compact.log.witnesses: '" + setting + "' is not PARTY=VERIFIER_KEY (see compact keys witness)");
    }
    String party = setting.substring(0, equals).strip();
    if (!PartyCode.isKnown(party)) {
      throw new IllegalArgumentException("compact.log.witnesses: unknown party '" + party + "'");
    }
    NoteKey key;
    try {
      key = NoteKey.parse(setting.substring(equals + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("compact.log.witnesses: " + party + ": " + e.getMessage());
    }
    if (key.type() != NoteKey.COSIGNATURE_V1) {
      throw new IllegalArgumentException("compact.log.witnesses: " + party + "'s key is not a cosignature key (type 0x04)");
    }
    return new Witness(new PartyCode(party), key);
  }
}
