package dev.compact.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Signed notes, checkpoints and cosignatures. The vectors are the ones of golang.org/x/mod's
 * sumdb/note (note.go's example and note_test.go): the PeterNeumann signer and verifier keys and
 * their signature over the two-line text. {@link #independentlyVerify} is a second, minimal reading
 * of the C2SP signed-note text written from the specification, sharing no code with {@link Note}.
 */
class NoteTests {
  static final String PETER_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String PETER_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String PETER_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
  static final String PETER_NOTE = PETER_TEXT
      + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  @Test
  void signsTheGoReferenceNoteByteForByte() {
    NoteSigner signer = NoteSigner.parse(PETER_SIGNER);
    assertThat(signer.key().text()).isEqualTo(PETER_VERIFIER);
    assertThat(signer.text()).isEqualTo(PETER_SIGNER);
    assertThat(new Note(PETER_TEXT, java.util.List.of(signer.sign(PETER_TEXT))).format()).isEqualTo(PETER_NOTE);
  }

  @Test
  void verifiesTheGoReferenceNoteAndRefusesAnAlteredOne() {
    NoteKey key = NoteKey.parse(PETER_VERIFIER);
    assertThat(Note.parse(PETER_NOTE).check(key)).isEqualTo(new Note.Check.Valid(-1));
    assertThat(Note.parse(PETER_NOTE.replace("cryptography", "cryptographY")).check(key)).isInstanceOf(Note.Check.Invalid.class);
    NoteKey other = NoteSigner.of("PeterNeumann", NoteKey.ED25519, new byte[32]).key();
    assertThat(Note.parse(PETER_NOTE).check(other)).isInstanceOf(Note.Check.Absent.class);
  }

  @Test
  void refusesMalformedKeysAndNotes() {
    assertThatThrownBy(() -> NoteKey.parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> Note.parse(PETER_TEXT)).hasMessageContaining("blank line");
    assertThatThrownBy(() -> Note.parse(PETER_NOTE.replace("\u2014", "-"))).hasMessageContaining("em dash");
    assertThatThrownBy(() -> Note.parse("a\tb\n\n\u2014 x AAAAAAA=\n")).hasMessageContaining("control");
    assertThatThrownBy(() -> Checkpoint.parse("example.org/log\n012\nAAAA\n")).hasMessageContaining("leading zeros");
  }

  @Test
  void checkpointsAndCosignaturesVerifyIndependently() throws Exception {
    NoteSigner log = NoteSigner.of("log.example.org/compact", NoteKey.ED25519, seed(1));
    NoteSigner witness = NoteSigner.of("witness.gbr.example/w1", NoteKey.COSIGNATURE_V1, seed(2));
    Checkpoint checkpoint = new Checkpoint("log.example.org/compact", 8, Hashes.unhex(MerkleTreeTests.ROOTS[7]));
    assertThat(checkpoint.text()).isEqualTo("log.example.org/compact\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n");
    Note note = new Note(checkpoint.text(), java.util.List.of(log.sign(checkpoint.text()))).with(witness.cosign(checkpoint.text(), 1_700_000_000L));
    String served = note.format();
    assertThat(Checkpoint.parse(Note.parse(served).text())).isEqualTo(checkpoint);
    assertThat(Note.parse(served).check(witness.key())).isEqualTo(new Note.Check.Valid(1_700_000_000L));
    assertThat(independentlyVerify(served, log.key().text(), false)).isTrue();
    assertThat(independentlyVerify(served, witness.key().text(), true)).isTrue();
    assertThat(independentlyVerify(served.replace("\n8\n", "\n9\n"), log.key().text(), false)).isFalse();
    // A witness's key cannot pass for the log's: the type is part of the key id.
    assertThat(Note.parse(served).check(NoteKey.of(witness.name(), NoteKey.ED25519, witness.key().publicKey())))
        .isInstanceOf(Note.Check.Absent.class);
  }

  /**
   * A checkpoint of a real log (transparency-dev's arche2025h1 staging CT log) as the public witness
   * network cosigned it, with the log's key and the key of one of those witnesses (remora.n621.de),
   * as florolf/tlog-scales keeps them for its tests (tests/test_signing.py). Compact's reading of
   * notes and Ed25519 cosignature/v1 agrees with theirs, byte for byte.
   */
  static final String WITNESSED = """
      arche2025h1.staging.ct.transparency.dev
      1432088532
      U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=

      \u2014 arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=
      \u2014 arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=
      \u2014 transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==
      \u2014 witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==
      \u2014 remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==
      \u2014 witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==
      """;
  static final String ARCHE_LOG = "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f";
  static final String REMORA_WITNESS = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";

  @Test
  void verifiesACheckpointThatARealLogSignedAndARealWitnessCosigned() throws Exception {
    Note note = Note.parse(WITNESSED);
    NoteKey witness = NoteKey.parse(REMORA_WITNESS);
    assertThat(witness.type()).isEqualTo(NoteKey.COSIGNATURE_V1);
    assertThat(note.check(NoteKey.parse(ARCHE_LOG))).isEqualTo(new Note.Check.Valid(-1));
    // The cosignature's time is its first 8 bytes after the key id: 0x6a122120.
    assertThat(note.check(witness)).isEqualTo(new Note.Check.Valid(0x6a122120L));
    assertThat(independentlyVerify(WITNESSED, REMORA_WITNESS, true)).isTrue();
    Note clobbered = Note.parse(WITNESSED.replace("\n1432088532\n", "\n42\n"));
    assertThat(clobbered.check(witness)).isInstanceOf(Note.Check.Invalid.class);
    assertThat(clobbered.check(NoteKey.parse(ARCHE_LOG))).isInstanceOf(Note.Check.Invalid.class);
  }

  static byte[] seed(int value) {
    byte[] seed = new byte[32];
    seed[0] = (byte) value;
    return seed;
  }

  /**
   * Reads the note as the C2SP text describes it: split at the last blank line, find the line whose
   * name and 4-byte key id match the verifier key, and check Ed25519 over the text (type 1) or over
   * "cosignature/v1\ntime T\n" and the text (type 4, with T the first 8 signature bytes).
   */
  static boolean independentlyVerify(String note, String vkey, boolean cosignature) throws Exception {
    String[] key = vkey.split("\\+", 3);
    byte[] material = Base64.getDecoder().decode(key[2]);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((key[0] + "\n").getBytes(StandardCharsets.UTF_8));
    sha.update(material);
    if (!HexFormat.of().formatHex(sha.digest(), 0, 4).equals(key[1])) {
      return false;
    }
    int blank = note.lastIndexOf("\n\n");
    String text = note.substring(0, blank + 1);
    for (String line : note.substring(blank + 2).split("\n")) {
      String[] parts = line.split(" ");
      if (!parts[0].equals("\u2014") || !parts[1].equals(key[0])) {
        continue;
      }
      byte[] signature = Base64.getDecoder().decode(parts[2]);
      if (!HexFormat.of().formatHex(signature, 0, 4).equals(key[1])) {
        continue;
      }
      byte[] message = text.getBytes(StandardCharsets.UTF_8);
      byte[] sig = java.util.Arrays.copyOfRange(signature, 4, signature.length);
      if (cosignature) {
        long time = ByteBuffer.wrap(signature, 4, 8).getLong();
        message = ("cosignature/v1\ntime " + time + "\n" + text).getBytes(StandardCharsets.UTF_8);
        sig = java.util.Arrays.copyOfRange(signature, 12, signature.length);
      }
      byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(material, 1, 33));
      Signature ed = Signature.getInstance("Ed25519");
      ed.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
      ed.update(message);
      return ed.verify(sig);
    }
    return false;
  }
}
