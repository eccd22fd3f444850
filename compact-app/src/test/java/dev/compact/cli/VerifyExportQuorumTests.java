package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Leaf;
import dev.compact.transparency.MemoryTree;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code verify --export --trust KEYS} counts the witness quorum in distinct parties, as the service
 * does: the trust file says which party a witness key belongs to ({@code PARTY=KEY}), and two keys
 * of one party are one witness. The export is written by hand, as another implementation would.
 */
class VerifyExportQuorumTests {
  private static final NoteSigner LOG = NoteSigner.of("log.example/compact", NoteKey.ED25519, seed(1));
  private static final NoteSigner GBR_OLD = NoteSigner.of("witness.gbr.example", NoteKey.COSIGNATURE_V1, seed(2));
  private static final NoteSigner GBR_NEW = NoteSigner.of("witness2.gbr.example", NoteKey.COSIGNATURE_V1, seed(3));
  private static final NoteSigner DEU = NoteSigner.of("witness.deu.example", NoteKey.COSIGNATURE_V1, seed(4));

  @TempDir Path dir;
  private Path export;

  /** Three classified events (leaves only) and the log's checkpoint of them, cosigned by both of GBR's keys and no one else. */
  @BeforeEach
  void writeExport() throws Exception {
    export = dir.resolve("export");
    Files.createDirectories(export.resolve("checkpoints"));
    MemoryTree tree = new MemoryTree();
    List<String> lines = new ArrayList<>();
    JsonMapper json = JsonMapper.builder().build();
    for (int i = 0; i < 3; i++) {
      Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
      Leaf leaf = new Leaf(i, "incident-reported", at, at, "secret", new byte[32]);
      tree.append(leaf.hash());
      lines.add(json.writeValueAsString(Map.of("leaf", new String(leaf.bytes(), StandardCharsets.UTF_8))));
    }
    Files.write(export.resolve("leaves.jsonl"), lines);
    Checkpoint checkpoint = new Checkpoint(LOG.name(), 3, tree.root());
    Note note = new Note(checkpoint.text(), List.of(LOG.sign(checkpoint.text())))
        .with(GBR_OLD.cosign(checkpoint.text(), 1_800_000_000L)).with(GBR_NEW.cosign(checkpoint.text(), 1_800_000_001L));
    Files.writeString(export.resolve("checkpoints/3.note"), note.format());
  }

  @Test
  void twoKeysOfOnePartyAreOneWitness() throws Exception {
    Path trust = trust("GBR=" + GBR_OLD.key().text(), "GBR=" + GBR_NEW.key().text(), "DEU=" + DEU.key().text());

    CliRun two = CliRun.of("verify", "--export", export.toString(), "--trust", trust.toString(), "--quorum", "2");
    assertThat(two.exitCode()).as(two.out()).isEqualTo(1);
    assertThat(two.err()).contains("checkpoint 3 is cosigned by 1 of the 2 trusted parties it needs (keys of one party count once)");

    CliRun one = CliRun.of("verify", "--export", export.toString(), "--trust", trust.toString(), "--quorum", "1");
    assertThat(one.exitCode()).as(one.err()).isEqualTo(0);
    assertThat(one.out()).contains("3 leaves verified against checkpoint 3", "checkpoint 3 is witnessed: cosigned by GBR (quorum 1)");
  }

  @Test
  void keysWithoutAPartyCountAsTheirNamesParty() throws Exception {
    Path trust = trust(GBR_OLD.key().text(), GBR_NEW.key().text());

    CliRun two = CliRun.of("verify", "--export", export.toString(), "--trust", trust.toString(), "--quorum", "2");
    assertThat(two.exitCode()).as(two.err()).isEqualTo(0);
    assertThat(two.out()).contains("cosigned by witness.gbr.example, witness2.gbr.example (quorum 2)");
  }

  @Test
  void aQuorumLargerThanTheTrustedPartiesIsRefusedUpFront() throws Exception {
    Path trust = trust("GBR=" + GBR_OLD.key().text(), "GBR=" + GBR_NEW.key().text());

    CliRun run = CliRun.of("verify", "--export", export.toString(), "--trust", trust.toString(), "--quorum", "2");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--quorum 2 but the witness keys in " + trust + " are of 1 party",
        "the quorum counts parties, not keys");
  }

  @Test
  void aBadPartyLineIsNamedByItsLine() throws Exception {
    CliRun unknown = CliRun.of("verify", "--export", export.toString(), "--trust", trust("XYZ=" + GBR_OLD.key().text()).toString());
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("trust.txt:2: unknown party 'XYZ'");

    CliRun logKey = CliRun.of("verify", "--export", export.toString(), "--trust", trust("GBR=" + LOG.key().text()).toString());
    assertThat(logKey.exitCode()).isEqualTo(1);
    assertThat(logKey.err()).contains("trust.txt:2: GBR's key is not a witness's cosignature key");
  }

  /**
   * A cosignature does not sign its witness's name, so one key listed for two parties would count
   * GBR's cosignature for DEU too: the trust file is refused at the line that does it, and so is the
   * log's own key given as a witness's.
   */
  @Test
  void oneKeyForTwoPartiesOrTheLogsKeyAsAWitnessIsRefusedByItsLine() throws Exception {
    CliRun twice = CliRun.of("verify", "--export", export.toString(), "--trust",
        trust("GBR=" + GBR_OLD.key().text(), "DEU=" + GBR_OLD.key().text()).toString(), "--quorum", "2");
    assertThat(twice.exitCode()).as(twice.out()).isEqualTo(1);
    assertThat(twice.err()).contains("trust.txt:3: one public key is listed for GBR (witness.gbr.example) and for DEU (witness.gbr.example)");

    NoteKey renamed = NoteKey.of("witness.deu.example", NoteKey.COSIGNATURE_V1, GBR_OLD.key().publicKey());
    CliRun unnamed = CliRun.of("verify", "--export", export.toString(), "--trust", trust(GBR_OLD.key().text(), renamed.text()).toString(),
        "--quorum", "2");
    assertThat(unnamed.exitCode()).as(unnamed.out()).isEqualTo(1);
    assertThat(unnamed.err()).contains("trust.txt:3: one public key is listed for witness.gbr.example");

    NoteKey log = NoteKey.of("witness.deu.example", NoteKey.COSIGNATURE_V1, LOG.key().publicKey());
    CliRun logAsWitness = CliRun.of("verify", "--export", export.toString(), "--trust", trust("DEU=" + log.text()).toString());
    assertThat(logAsWitness.exitCode()).as(logAsWitness.out()).isEqualTo(1);
    assertThat(logAsWitness.err()).contains("trust.txt:2: DEU's witness key witness.deu.example is the log's own key");
  }

  /** The log's key, then the given lines. */
  private Path trust(String... lines) throws Exception {
    Path file = dir.resolve("trust.txt");
    List<String> all = new ArrayList<>(List.of(LOG.key().text()));
    all.addAll(List.of(lines));
    Files.write(file, all);
    return file;
  }

  private static byte[] seed(int value) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) value);
    return seed;
  }
}
