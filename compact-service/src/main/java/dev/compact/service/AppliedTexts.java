package dev.compact.service;

import dev.compact.agreements.Compact;
import dev.compact.store.EventStore;
import dev.compact.store.StoredEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which agreement texts the engine applies, as the log records them. The rules the log is folded
 * with are read from the compact folder, not from the log: without this record whoever can edit
 * the folder would change every state, deadline and breach shown with nothing on the log to tell.
 * The service records the texts (each agreement's id and canonical version hash) on a stream of
 * their own whenever it starts or rebuilds with texts that differ from those the log last recorded,
 * so that a change of text is a public event that witnesses and exports see, and a verifier can
 * refuse a folder the log does not name.
 */
public final class AppliedTexts {
  /** The stream the record's applied texts are written to. */
  public static final String STREAM = "compact-texts";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AppliedTexts.class);

  private AppliedTexts() {}

  /**
   * The texts of a compact, the umbrella first and then its agreements in file order. Public:
   * each version hash is the one {@code GET /api/compact} shows and the parties sign.
   */
  public record TextsApplied(String compact, List<Text> agreements) {
    public TextsApplied {
      agreements = List.copyOf(agreements);
    }
  }

  /** One agreement's id and the hex of its canonical version hash. */
  public record Text(String agreement, String versionHash) {}

  /** The last texts the log recorded, and the event that recorded them. */
  public record Recorded(long seq, TextsApplied texts) {}

  /** The texts the engine applies when it folds with {@code compact}. */
  public static TextsApplied of(Compact compact) {
    return new TextsApplied(compact.id(), compact.allAgreements().stream()
        .map(a -> new Text(a.id().value(), a.versionHash().hex())).toList());
  }

  /** The texts the log recorded last, if it recorded any. */
  public static Optional<Recorded> last(EventStore store, EventCodec codec) {
    List<StoredEvent> stream = store.readStream(STREAM);
    if (stream.isEmpty()) {
      return Optional.empty();
    }
    StoredEvent last = stream.getLast();
    return Optional.of(new Recorded(last.seq(), codec.read(last.payload(), TextsApplied.class)));
  }

  /**
   * How {@code applied} differs from {@code recorded}, one line per agreement (changed, added,
   * removed) and one for another compact; empty when they are the same texts.
   */
  public static List<String> differences(TextsApplied recorded, TextsApplied applied) {
    List<String> lines = new ArrayList<>();
    if (!recorded.compact().equals(applied.compact())) {
      lines.add("compact '" + applied.compact() + "' where the log recorded compact '" + recorded.compact() + "'");
    }
    Map<String, String> before = hashes(recorded);
    Map<String, String> after = hashes(applied);
    after.forEach((id, hash) -> {
      String old = before.get(id);
      if (old == null) {
        lines.add(id + ": sha256:" + short16(hash) + " is not among the texts the log recorded");
      } else if (!old.equals(hash)) {
        lines.add(id + ": sha256:" + short16(hash) + " where the log recorded sha256:" + short16(old));
      }
    });
    before.keySet().stream().filter(id -> !after.containsKey(id))
        .forEach(id -> lines.add(id + ": recorded by the log (sha256:" + short16(before.get(id)) + ") but not in this compact"));
    if (lines.isEmpty() && !recorded.equals(applied)) {
      lines.add("the same versions in another order");
    }
    return lines;
  }

  /**
   * Loud warnings for applied texts that are not what the record holds of them: an agreement with
   * signatures in the record, none over the version applied; or with registered versions, none the
   * one applied. The engine applies the folder's text all the same (the record's registrations do
   * not decide which text is in force), but a reader should hear that it differs from what was signed.
   */
  public static List<String> unlike(TextsApplied applied, Queries queries) {
    List<String> warnings = new ArrayList<>();
    for (Text text : applied.agreements()) {
      List<SignatureView> signatures = queries.signatures(text.agreement());
      if (!signatures.isEmpty() && signatures.stream().noneMatch(s -> s.versionHash().equals(text.versionHash()))) {
        warnings.add(text.agreement() + ": the text applied (sha256:" + short16(text.versionHash()) + ") is not the version its parties"
            + " signed in the record (" + signatures.stream().map(s -> s.party() + " sha256:" + short16(s.versionHash())).distinct()
                .reduce((a, b) -> a + ", " + b).orElse("") + ")");
        continue;
      }
      List<VersionView> versions = queries.versions(text.agreement());
      if (!versions.isEmpty() && versions.stream().noneMatch(v -> v.versionHash().equals(text.versionHash()))) {
        warnings.add(text.agreement() + ": the text applied (sha256:" + short16(text.versionHash()) + ") is none of the versions"
            + " registered in the record (" + versions.stream().map(v -> "sha256:" + short16(v.versionHash())).reduce((a, b) -> a + ", " + b)
                .orElse("") + ")");
      }
    }
    return warnings;
  }

  /** True when the log's last record of texts names exactly {@code applied}. */
  public static boolean same(Optional<Recorded> recorded, TextsApplied applied) {
    return recorded.isPresent() && Objects.equals(recorded.get().texts(), applied);
  }

  /** Logs what {@link Registrations#recordAppliedTexts} found: a change of texts and every warning loudly. */
  static void report(Registrations.TextsCheck check, String folder) {
    check.recorded().ifPresent(event -> {
      if (check.before().isEmpty()) {
        LOG.info("recorded the agreement texts applied from {} in the log (event {})", folder, event.seq());
      } else {
        LOG.warn("the agreement texts in {} differ from those the log recorded at event {}; recorded the change as public event {}:\n  {}",
            folder, check.before().get().seq(), event.seq(), String.join("\n  ", check.differences()));
      }
      check.rebuiltFrom().ifPresent(events -> LOG.info("rebuilt the read models from {} events under these texts", events));
    });
    check.warnings().forEach(w -> LOG.warn("{}", w));
  }

  private static Map<String, String> hashes(TextsApplied texts) {
    Map<String, String> map = new LinkedHashMap<>();
    texts.agreements().forEach(t -> map.put(t.agreement(), t.versionHash()));
    return map;
  }

  private static String short16(String hex) {
    return hex.length() > 16 ? hex.substring(0, 16) : hex;
  }
}
