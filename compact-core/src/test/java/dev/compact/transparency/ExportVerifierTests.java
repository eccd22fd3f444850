package dev.compact.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportVerifierTests {
  static final NoteSigner LOG = NoteSigner.of("log.example/compact", NoteKey.ED25519, NoteTests.seed(3));
  static final NoteSigner WITNESS = NoteSigner.of("witness.example/gbr", NoteKey.COSIGNATURE_V1, NoteTests.seed(4));

  record Export(List<ExportVerifier.Entry> entries, List<String> notes) {}

  /** Six events, every third one secret (its leaf only), and a checkpoint of all six cosigned by the witness. */
  static Export export() {
    List<ExportVerifier.Entry> entries = new ArrayList<>();
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < 6; i++) {
      String salt = "%032d".formatted(i);
      boolean secret = i % 3 == 2;
      var content = new ExportVerifier.Content(salt, "stream-" + i, 1, "desk", "{\"n\":" + i + "}");
      Leaf leaf = new Leaf(i, "note", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
          secret ? "secret" : "public", Leaf.content(salt, content.stream(), 1, "desk", content.payload()));
      tree.append(leaf.hash());
      entries.add(new ExportVerifier.Entry(i + 1, new String(leaf.bytes(), StandardCharsets.UTF_8), secret ? Optional.empty() : Optional.of(content)));
    }
    Checkpoint checkpoint = new Checkpoint(LOG.name(), 6, tree.root());
    Note note = new Note(checkpoint.text(), List.of(LOG.sign(checkpoint.text()))).with(WITNESS.cosign(checkpoint.text(), 1_800_000_000L));
    return new Export(entries, List.of(note.format()));
  }

  static ExportVerifier.Result verify(List<ExportVerifier.Entry> entries, List<String> notes, int quorum) {
    return ExportVerifier.verify(entries.iterator(), notes, LOG.key(), List.of(TrustedWitness.named(WITNESS.key())), quorum);
  }

  @Test
  void anIntactExportVerifiesWithClassifiedEventsAsLeavesOnly() {
    Export export = export();
    ExportVerifier.Result result = verify(export.entries(), export.notes(), 1);
    assertThat(result.problem()).isEmpty();
    assertThat(result.leaves()).isEqualTo(6);
    assertThat(result.publicEvents()).isEqualTo(4);
    assertThat(result.witnesses()).containsExactly("witness.example/gbr");
  }

  @Test
  void eachAlterationIsNamedByItsLeaf() {
    Export export = export();
    List<ExportVerifier.Entry> flipped = new ArrayList<>(export.entries());
    var e = flipped.get(4);
    var c = e.content().orElseThrow();
    flipped.set(4, new ExportVerifier.Entry(e.line(), e.leaf(), Optional.of(new ExportVerifier.Content(c.salt(), c.stream(), 1, c.actor(),
        c.payload().replace('4', '5')))));
    assertThat(verify(flipped, export.notes(), 1).problem()).get().asString().contains("leaf 4: the event's content does not match");

    List<ExportVerifier.Entry> withheld = new ArrayList<>(export.entries());
    withheld.set(1, new ExportVerifier.Entry(2, export.entries().get(1).leaf(), Optional.empty()));
    assertThat(verify(withheld, export.notes(), 1).problem()).get().asString().contains("leaf 1 is public but its event is withheld");

    List<ExportVerifier.Entry> dropped = new ArrayList<>(export.entries());
    dropped.remove(2);
    assertThat(verify(dropped, export.notes(), 1).problem()).get().asString().contains("where leaf 2 belongs");

    List<ExportVerifier.Entry> reclassified = new ArrayList<>(export.entries());
    reclassified.set(2, new ExportVerifier.Entry(3, export.entries().get(2).leaf().replace("secret", "public"), export.entries().get(0).content()));
    assertThat(verify(reclassified, export.notes(), 1).problem()).get().asString().contains("leaf 2");

    List<ExportVerifier.Entry> shortened = new ArrayList<>(export.entries().subList(0, 5));
    assertThat(verify(shortened, export.notes(), 1).problem()).get().asString().contains("leaves from 5 on are missing");
  }

  @Test
  void aCheckpointWithoutTheQuorumOrTheLogsSignatureIsNotEnough() {
    Export export = export();
    assertThat(verify(export.entries(), export.notes(), 2).problem()).get().asString().contains("cosigned by 1 of the 2 trusted parties it needs");
    NoteSigner other = NoteSigner.of(LOG.name(), NoteKey.ED25519, NoteTests.seed(9));
    assertThat(ExportVerifier.verify(export.entries().iterator(), export.notes(), other.key(), List.of(), 0).problem()).get().asString()
        .contains("not signed by the log's key");
  }

  /**
   * The quorum counts parties, as the service does: a party that cosigns with two keys (its old and
   * new one, or two machines) is one witness, whether the reader names the party (PARTY=KEY) or the
   * keys share a name.
   */
  @Test
  void twoKeysOfOnePartyDoNotMakeAQuorumOfTwo() {
    NoteSigner second = NoteSigner.of("witness.example/gbr-2", NoteKey.COSIGNATURE_V1, NoteTests.seed(5));
    NoteSigner sameName = NoteSigner.of(WITNESS.name(), NoteKey.COSIGNATURE_V1, NoteTests.seed(6));
    NoteSigner other = NoteSigner.of("witness.example/deu", NoteKey.COSIGNATURE_V1, NoteTests.seed(7));
    Export export = export();
    Note note = Note.parse(export.notes().getFirst());
    String both = note.with(second.cosign(note.text(), 1_800_000_001L)).with(sameName.cosign(note.text(), 1_800_000_002L)).format();

    var byParty = List.of(new TrustedWitness("GBR", WITNESS.key()), new TrustedWitness("GBR", second.key()));
    ExportVerifier.Result twoOfOne = ExportVerifier.verify(export.entries().iterator(), List.of(both), LOG.key(), byParty, 2);
    assertThat(twoOfOne.problem()).get().asString().contains("cosigned by 1 of the 2 trusted parties it needs (keys of one party count once)");
    ExportVerifier.Result one = ExportVerifier.verify(export.entries().iterator(), List.of(both), LOG.key(), byParty, 1);
    assertThat(one.problem()).isEmpty();
    assertThat(one.witnesses()).containsExactly("GBR");

    var byName = List.of(TrustedWitness.named(WITNESS.key()), TrustedWitness.named(sameName.key()));
    assertThat(ExportVerifier.verify(export.entries().iterator(), List.of(both), LOG.key(), byName, 2).problem()).get().asString()
        .contains("cosigned by 1 of the 2 trusted parties");

    String twoParties = Note.parse(both).with(other.cosign(note.text(), 1_800_000_003L)).format();
    var parties = List.of(new TrustedWitness("GBR", WITNESS.key()), new TrustedWitness("GBR", second.key()), new TrustedWitness("DEU", other.key()));
    ExportVerifier.Result quorum = ExportVerifier.verify(export.entries().iterator(), List.of(twoParties), LOG.key(), parties, 2);
    assertThat(quorum.problem()).isEmpty();
    assertThat(quorum.witnesses()).containsExactly("GBR", "DEU");
  }

  /**
   * A cosignature does not sign its witness's name: GBR's line, copied under another name with that
   * name's key ID, verifies with GBR's public key listed under that name. A reader's keys that list
   * one key for two parties would make one witness a quorum of two; they are refused, as is the log's
   * own key listed as a witness.
   */
  @Test
  void oneKeyListedForTwoPartiesOrTheLogsKeyAsAWitnessIsRefused() {
    Export export = export();
    Note note = Note.parse(export.notes().getFirst());
    NoteKey renamed = NoteKey.of("witness.example/deu", NoteKey.COSIGNATURE_V1, WITNESS.key().publicKey());
    Note.Signature gbr = note.signatures().stream().filter(s -> s.name().equals(WITNESS.name())).findFirst().orElseThrow();
    String copied = note.with(new Note.Signature(renamed.name(), renamed.id(), gbr.bytes())).format();
    assertThat(Note.parse(copied).check(renamed)).isInstanceOf(Note.Check.Valid.class);

    var renamedForDeu = List.of(new TrustedWitness("GBR", WITNESS.key()), new TrustedWitness("DEU", renamed));
    assertThat(ExportVerifier.verify(export.entries().iterator(), List.of(copied), LOG.key(), renamedForDeu, 2).problem()).get().asString()
        .contains("one public key is listed for GBR (witness.example/gbr) and for DEU (witness.example/deu)");
    var sameKeyTwice = List.of(new TrustedWitness("GBR", WITNESS.key()), new TrustedWitness("DEU", WITNESS.key()));
    assertThat(ExportVerifier.verify(export.entries().iterator(), export.notes(), LOG.key(), sameKeyTwice, 2).problem()).get().asString()
        .contains("one public key is listed for GBR");
    // One key under one party twice is only said twice.
    var oneParty = List.of(new TrustedWitness("GBR", WITNESS.key()), new TrustedWitness("GBR", renamed));
    assertThat(ExportVerifier.verify(export.entries().iterator(), List.of(copied), LOG.key(), oneParty, 1).problem()).isEmpty();

    NoteKey logAsWitness = NoteKey.of("witness.example/pol", NoteKey.COSIGNATURE_V1, LOG.key().publicKey());
    var withLog = List.of(new TrustedWitness("GBR", WITNESS.key()), new TrustedWitness("POL", logAsWitness));
    assertThat(ExportVerifier.verify(export.entries().iterator(), export.notes(), LOG.key(), withLog, 1).problem()).get().asString()
        .contains("POL's witness key witness.example/pol is the log's own key");
  }

  /** {@code n} public events, the one at {@code altered} (if any) with another payload, as a history of their own. */
  static List<ExportVerifier.Entry> history(int n, int altered) {
    List<ExportVerifier.Entry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String salt = "%032d".formatted(i);
      var content = new ExportVerifier.Content(salt, "stream-" + i, 1, "desk", i == altered ? "{\"n\":\"rewritten\"}" : "{\"n\":" + i + "}");
      Leaf leaf = new Leaf(i, "note", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
          "public", Leaf.content(salt, content.stream(), 1, "desk", content.payload()));
      entries.add(new ExportVerifier.Entry(i + 1, new String(leaf.bytes(), StandardCharsets.UTF_8), Optional.of(content)));
    }
    return entries;
  }

  /** The log's checkpoint of the first {@code size} entries, cosigned by the witness when {@code cosigned}. */
  static Checkpoint checkpoint(List<ExportVerifier.Entry> entries, int size) {
    MemoryTree tree = new MemoryTree();
    entries.subList(0, size).forEach(e -> tree.append(Hashes.leaf(e.leaf().getBytes(StandardCharsets.UTF_8))));
    return new Checkpoint(LOG.name(), size, tree.root());
  }

  static String note(Checkpoint checkpoint, boolean cosigned) {
    Note note = new Note(checkpoint.text(), List.of(LOG.sign(checkpoint.text())));
    return (cosigned ? note.with(WITNESS.cosign(checkpoint.text(), 1_800_000_000L)) : note).format();
  }

  @Test
  void leavesAfterTheLastWitnessedCheckpointAreCheckedAgainstTheLatestTheLogSigned() {
    List<ExportVerifier.Entry> entries = history(8, -1);
    List<String> notes = List.of(note(checkpoint(entries, 6), true), note(checkpoint(entries, 8), false));
    ExportVerifier.Result result = verify(entries, notes, 1);
    assertThat(result.problem()).isEmpty();
    assertThat(result.leaves()).isEqualTo(8);
    assertThat(result.publicEvents()).isEqualTo(8);
    assertThat(result.checkpoint().orElseThrow().size()).isEqualTo(8);
    assertThat(result.witnessed().orElseThrow().size()).isEqualTo(6);
    assertThat(result.witnesses()).containsExactly("witness.example/gbr");

    // A payload after the witnessed checkpoint, altered: named by its leaf.
    List<ExportVerifier.Entry> altered = new ArrayList<>(entries);
    var last = altered.get(7);
    var content = last.content().orElseThrow();
    altered.set(7, new ExportVerifier.Entry(last.line(), last.leaf(), Optional.of(new ExportVerifier.Content(content.salt(), content.stream(),
        1, content.actor(), content.payload().replace('7', '9')))));
    assertThat(verify(altered, notes, 1).problem()).get().asString().contains("leaf 7: the event's content does not match");
    // A leaf after the latest checkpoint is signed by nothing.
    List<ExportVerifier.Entry> longer = history(9, -1);
    assertThat(verify(longer, notes, 1).problem()).get().asString().contains("leaves from 8 on are signed by no checkpoint in the export");
  }

  @Test
  void anExportIsHeldToTheReadersOwnCheckpointAndTheFirstDifferenceIsNamed() {
    List<ExportVerifier.Entry> before = history(8, -1);
    // The same record with leaf 3 rewritten and every checkpoint signed anew: it verifies on its own.
    List<ExportVerifier.Entry> rewritten = history(8, 3);
    List<String> notes = List.of(note(checkpoint(rewritten, 3), false), note(checkpoint(rewritten, 8), true));
    assertThat(verify(rewritten, notes, 1).problem()).isEmpty();
    assertThat(ExportVerifier.verify(before.iterator(), List.of(note(checkpoint(before, 8), true)), LOG.key(), List.of(TrustedWitness.named(WITNESS.key())), 1,
        Optional.of(checkpoint(before, 6))).problem()).isEmpty();

    // A reader holding the checkpoint of 4 from before: the export's checkpoint of 3 matches, so leaf 3 is named.
    assertThat(held(rewritten, notes, checkpoint(before, 4))).contains("do not give the root of your checkpoint 4",
        "leaf 3 differs from the one it committed to");
    // Holding the checkpoint of 6: between the last that matches and it.
    assertThat(held(rewritten, notes, checkpoint(before, 6))).contains("among leaves 3 to 5 (the checkpoint of 3 leaves matches)");
    // Holding the checkpoint of 8: the export's own checkpoint of 8 is another root for that size, both signed by the log.
    assertThat(held(rewritten, notes, checkpoint(before, 8))).contains("two roots for one size");
    // A checkpoint beyond the export: it cannot be held to it.
    assertThat(held(history(8, -1), List.of(note(checkpoint(before, 6), true)), checkpoint(before, 8))).contains("the export is older");
  }

  static String held(List<ExportVerifier.Entry> entries, List<String> notes, Checkpoint mine) {
    return ExportVerifier.verify(entries.iterator(), notes, LOG.key(), List.of(TrustedWitness.named(WITNESS.key())), 1, Optional.of(mine)).problem().orElseThrow();
  }
}
