package dev.compact.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The witness's side of C2SP tlog-witness add-checkpoint, each answer the specification names: 200
 * with a cosignature, 400 malformed or an old size beyond the checkpoint, 403 without the log's
 * valid signature, 404 for a log it does not witness, 409 with its size for a stale old size, 422
 * for a proof that fails, a second root for a size, a wrong empty root or a proof from zero.
 */
class AddCheckpointTests {
  static final String ORIGIN = "log.example.org/compact";
  static final NoteSigner LOG = NoteSigner.of(ORIGIN, NoteKey.ED25519, NoteTests.seed(1));
  static final NoteSigner WITNESS = NoteSigner.of("witness.gbr.example/w1", NoteKey.COSIGNATURE_V1, NoteTests.seed(2));
  static final long NOW = 1_767_225_600L;
  static final MemoryTree TREE = MerkleTreeTests.referenceTree();

  static Note checkpoint(NoteSigner signer, long size, byte[] root) {
    String text = new Checkpoint(ORIGIN, size, root).text();
    return new Note(text, List.of(signer.sign(text)));
  }

  static Note checkpoint(long size) {
    return checkpoint(LOG, size, TREE.root(size));
  }

  static String request(long old, Note note) {
    return new AddCheckpoint.Request(old, old == 0 ? List.of() : MerkleTree.consistency(old, Checkpoint.parse(note.text()).size(), TREE),
        note).format();
  }

  static AddCheckpoint.Outcome decide(String body, Optional<Note> held) {
    return AddCheckpoint.decide(body, LOG.key(), held, WITNESS, NOW);
  }

  /** What the witness keeps after cosigning {@code size} from scratch. */
  static Note held(long size) {
    return ((AddCheckpoint.Outcome.Cosigned) decide(request(0, checkpoint(size)), Optional.empty())).latest();
  }

  static AddCheckpoint.Outcome.Refused refused(AddCheckpoint.Outcome outcome) {
    assertThat(outcome).isInstanceOf(AddCheckpoint.Outcome.Refused.class);
    return (AddCheckpoint.Outcome.Refused) outcome;
  }

  @Test
  void cosignsAFirstCheckpointAndThenOneThatProvablyExtendsIt() throws Exception {
    AddCheckpoint.Outcome first = decide(request(0, checkpoint(3)), Optional.empty());
    assertThat(first).isInstanceOf(AddCheckpoint.Outcome.Cosigned.class);
    Note held = ((AddCheckpoint.Outcome.Cosigned) first).latest();
    assertThat(held.check(WITNESS.key())).isEqualTo(new Note.Check.Valid(NOW));
    assertThat(held.check(LOG.key())).isEqualTo(new Note.Check.Valid(-1));

    AddCheckpoint.Outcome.Cosigned second = (AddCheckpoint.Outcome.Cosigned) decide(request(3, checkpoint(7)), Optional.of(held));
    // The answer is the cosignature line alone; joined to the checkpoint it verifies (also with a verifier written from the spec).
    assertThat(second.body()).startsWith("\u2014 witness.gbr.example/w1 ").endsWith("\n").hasLineCount(1);
    String joined = checkpoint(7).format() + second.body();
    assertThat(NoteTests.independentlyVerify(joined, WITNESS.key().text(), true)).isTrue();
    assertThat(AddCheckpoint.cosignatureIn(second.body(), checkpoint(7), WITNESS.key())).contains(second.cosignature());
    assertThat(AddCheckpoint.cosignatureIn(second.body(), checkpoint(6), WITNESS.key())).isEmpty();
  }

  @Test
  void aStaleOldSizeIs409WithTheSizeTheWitnessHolds() {
    Note held = held(5);
    AddCheckpoint.Outcome.Refused stale = refused(decide(request(3, checkpoint(7)), Optional.of(held)));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.contentType()).isEqualTo("text/x.tlog.size");
    assertThat(stale.body()).isEqualTo("5\n");
    // A client that knows nothing asks with 0 and learns the size.
    assertThat(refused(decide(request(0, checkpoint(7)), Optional.of(held))).body()).isEqualTo("5\n");
    // A witness that never cosigned holds 0.
    assertThat(refused(decide(request(3, checkpoint(7)), Optional.empty())).body()).isEqualTo("0\n");
  }

  @Test
  void aForkIs422AndComesWithBothCheckpointsAsEvidence() {
    Note held = held(5);
    // Another tree of 7 leaves: the log's proof from 5 cannot hold, whatever it sends.
    MemoryTree other = new MemoryTree();
    for (int i = 0; i < 7; i++) {
      other.append(Hashes.leaf(new byte[] {(byte) i, 1}));
    }
    Note forked = checkpoint(LOG, 7, other.root(7));
    String body = new AddCheckpoint.Request(5, MerkleTree.consistency(5, 7, other), forked).format();
    AddCheckpoint.Outcome.Refused fork = refused(decide(body, Optional.of(held)));
    assertThat(fork.status()).isEqualTo(422);
    // Of different sizes, the two checkpoints with a failed proof are no proof of a fork by themselves:
    // the log signs checkpoints, not proofs. The evidence says so and keeps the proof given.
    assertThat(fork.evidence()).hasValueSatisfying(evidence -> assertThat(evidence)
        .contains("the checkpoint cosigned before:", held.format(), "the checkpoint offered now:", forked.format(),
            "alone they prove no fork", "Ask the log for the consistency proof from 5 to 7", "# the proof given:\n# ")
        .doesNotContain("together they prove"));
    // Same size, other root: that pair, both signed by the log, is the proof.
    Note rewritten = checkpoint(LOG, 5, other.root(5));
    AddCheckpoint.Outcome.Refused same = refused(decide(new AddCheckpoint.Request(5, List.of(), rewritten).format(), Optional.of(held)));
    assertThat(same.status()).isEqualTo(422);
    assertThat(same.body()).contains("two roots for the same size 5");
    assertThat(same.evidence()).hasValueSatisfying(evidence -> assertThat(evidence)
        .contains("together they prove, to anyone, that it showed two histories", "the checkpoint submitted now:", rewritten.format()));
    assertThat(same.evidence()).isPresent();
    // A proof with one hash altered, for the true tree: 422 too.
    List<byte[]> proof = new ArrayList<>(MerkleTree.consistency(5, 7, TREE));
    proof.set(0, Hashes.leaf(new byte[] {9}));
    assertThat(refused(decide(new AddCheckpoint.Request(5, proof, checkpoint(7)).format(), Optional.of(held))).status()).isEqualTo(422);
  }

  @Test
  void aSmallerCheckpointIsRefusedWithoutEvidence() {
    // A log (or anyone replaying its old checkpoint) offers size 3 to a witness holding 5: stale, not a fork.
    Note held = held(5);
    AddCheckpoint.Outcome.Refused fromHeld = refused(decide("old 5\n\n" + checkpoint(3).format(), Optional.of(held)));
    assertThat(fromHeld.status()).isEqualTo(400);
    assertThat(fromHeld.evidence()).isEmpty();
    AddCheckpoint.Outcome.Refused fromOlder = refused(decide(request(2, checkpoint(3)), Optional.of(held)));
    assertThat(fromOlder.status()).isEqualTo(409);
    assertThat(fromOlder.evidence()).isEmpty();
  }

  @Test
  void theOtherRefusalsHaveTheCodesTheSpecificationGives() {
    Note held = held(5);
    // Not signed by the log's key: 403; a line with its name and id but a bad signature: 403 too.
    NoteSigner impostor = NoteSigner.of(ORIGIN, NoteKey.ED25519, NoteTests.seed(3));
    assertThat(refused(decide(request(5, checkpoint(impostor, 7, TREE.root(7))), Optional.of(held))).status()).isEqualTo(403);
    Note good = checkpoint(7);
    Note.Signature valid = good.signatures().getFirst();
    byte[] broken = valid.bytes();
    broken[10] ^= 1;
    Note badSignature = new Note(good.text(), List.of(new Note.Signature(valid.name(), valid.keyId(), broken)));
    assertThat(refused(decide(request(5, badSignature), Optional.of(held))).status()).isEqualTo(403);
    // Another log's checkpoint: 404.
    String otherText = new Checkpoint("other.example/log", 7, TREE.root(7)).text();
    NoteSigner otherLog = NoteSigner.of("other.example/log", NoteKey.ED25519, NoteTests.seed(4));
    assertThat(refused(decide(request(5, new Note(otherText, List.of(otherLog.sign(otherText)))), Optional.of(held))).status())
        .isEqualTo(404);
    // Old size beyond the checkpoint, a malformed old line, a proof line that is no hash, too many proof lines: 400.
    assertThat(refused(decide(new AddCheckpoint.Request(6, List.of(), checkpoint(5)).format(), Optional.of(held))).status()).isEqualTo(400);
    assertThat(refused(decide(request(5, good).replace("old 5", "old 05"), Optional.of(held))).status()).isEqualTo(400);
    assertThat(refused(decide("old 5\nnot-a-hash\n\n" + good.format(), Optional.of(held))).status()).isEqualTo(400);
    assertThat(refused(decide("old 5\n" + "%s=\n".formatted("A".repeat(43)).repeat(64) + "\n"
        + good.format(), Optional.of(held))).body()).contains("more than 63");
    // Size 0 with another root than the empty tree's, and a proof from size 0: 422.
    Note zero = checkpoint(LOG, 0, TREE.root(1));
    assertThat(refused(decide(new AddCheckpoint.Request(0, List.of(), zero).format(), Optional.empty())).status()).isEqualTo(422);
    assertThat(refused(decide(new AddCheckpoint.Request(0, List.of(TREE.root(1)), checkpoint(3)).format(), Optional.empty())).status())
        .isEqualTo(422);
  }

  /** The worked example of docs/transparency.md ("Witnesses that serve C2SP tlog-witness"), byte for byte. */
  @Test
  void theDocumentedExampleIsWhatTheCodeSendsAndAnswers() {
    NoteSigner log = NoteSigner.of("compact.example/log", NoteKey.ED25519, NoteTests.seed(1));
    NoteSigner witness = NoteSigner.of("witness.gbr.compact.example", NoteKey.COSIGNATURE_V1, NoteTests.seed(2));
    assertThat(log.key().text()).isEqualTo("compact.example/log+4530cb90+Ac7MFQfcHd1ylZUcKQiI8JWtuQRNG3PWlubfBl1oO9T8");
    assertThat(witness.key().text()).isEqualTo("witness.gbr.compact.example+3622a7de+BGt5xX5qCVI5KCwEgY6WES8/A6QAG6l6VkwjhSo/HqX8");
    String text5 = new Checkpoint("compact.example/log", 5, TREE.root(5)).text();
    String text7 = new Checkpoint("compact.example/log", 7, TREE.root(7)).text();
    Note held = ((AddCheckpoint.Outcome.Cosigned) AddCheckpoint.decide(new AddCheckpoint.Request(0, List.of(),
        new Note(text5, List.of(log.sign(text5)))).format(), log.key(), Optional.empty(), witness, 1_767_225_000L)).latest();
    String request = new AddCheckpoint.Request(5, MerkleTree.consistency(5, 7, TREE), new Note(text7, List.of(log.sign(text7)))).format();
    assertThat(request).isEqualTo("""
        old 5
        vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=
        QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=
        sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=
        037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=

        compact.example/log
        7
        3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=

        \u2014 compact.example/log RTDLkFLBYjrpaBWbsJvM0l62KTfwonsR4MHwaxLTxKDn7QCygwbQFRMY8iUc34knpaYD8j6kQLdGi6QqY52EBzfRNws=
        """);
    AddCheckpoint.Outcome answer = AddCheckpoint.decide(request, log.key(), Optional.of(held), witness, 1_767_225_600L);
    assertThat(((AddCheckpoint.Outcome.Cosigned) answer).body()).isEqualTo("\u2014 witness.gbr.compact.example "
        + "NiKn3gAAAABpVbkAo4hoYTaSXmLwAOtmDSMDHm+likFVOyMRn2HYVzY6Rf8T0ho4rbCO+Ns8jLx9Vh5iDjczmTd4DECCBu8PoRTnAg==\n");
    AddCheckpoint.Outcome stale = AddCheckpoint.decide(request.replace("old 5", "old 3"), log.key(), Optional.of(held), witness, 1_767_225_600L);
    assertThat(stale).isEqualTo(new AddCheckpoint.Outcome.Refused(409, "text/x.tlog.size", "5\n", Optional.empty()));
  }

  @Test
  void theSpecificationsExampleRequestParses() {
    // The example request body of C2SP tlog-witness (c2sp.org/tlog-witness, "add-checkpoint").
    String body = """
        old 20852014
        PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
        jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
        5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=
        /6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=

        example.com/behind-the-sofa
        20852163
        CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

        \u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
        \u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=
        """;
    AddCheckpoint.Request request = AddCheckpoint.parse(body);
    assertThat(request.oldSize()).isEqualTo(20852014L);
    assertThat(request.proof()).hasSize(4);
    assertThat(Checkpoint.parse(request.note().text()).size()).isEqualTo(20852163L);
    assertThat(request.note().signatures()).hasSize(2);
    assertThat(request.format()).isEqualTo(body);
    assertThatThrownBy(() -> AddCheckpoint.parse("old 1\n")).hasMessageContaining("blank line");
  }
}
