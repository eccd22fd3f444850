package dev.compact.sanctionsregister;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One recorded version of a sanctions list, as its event in the log holds it.
 *
 * @param seq the event's position in the log
 * @param recordedAt when the record took it
 * @param actor who recorded it
 * @param event what the event says
 */
public record ListVersion(long seq, Instant recordedAt, String actor, Recorded event) {

  /** A file of the version: its name, the SHA-256 of its bytes (the key of its stored copy) and its size. */
  public record FileRef(String name, String sha256, long size) {}

  /**
   * The payload of a {@code list-version-recorded} event: the list's identity and hashes, never its
   * entries (those are in the files the hashes name).
   *
   * @param source the format keyword ({@code ofac}, {@code un}, ...)
   * @param list the list's name ("OFAC SDN")
   * @param versionHash the list's version hash over its files (docs/sanctions-lists.md, section 4)
   * @param issued the date the publisher gives the version, when the file states one
   * @param inForceFrom the date from which screening "as of" a date uses this version
   * @param entities how many entries it holds
   * @param files its files
   * @param previous the version hash of the source's version recorded before it, if any
   * @param added entries not in the previous version
   * @param removed entries of the previous version no longer listed
   * @param changed entries in both whose particulars differ
   * @param staleSideRowsAllowed true when the version was accepted only because its recorder overrode
   *     the OFAC cut check ({@code --allow-stale-side-rows}, {@code allowStaleSideRows=true}): side rows
   *     naming entries after the main file's last were ignored as stale. Null otherwise, and then left
   *     out of the payload, so that every version recorded without the override keeps its bytes.
   */
  public record Recorded(String source, String list, String versionHash, @Nullable String issued, String inForceFrom, int entities,
      List<FileRef> files, @Nullable String previous, int added, int removed, int changed,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean staleSideRowsAllowed) {
    public Recorded {
      files = List.copyOf(files);
    }
  }

  /** Whether the version was accepted only through the override of the OFAC cut check (see {@link Recorded}). */
  public boolean staleSideRowsAllowed() {
    return Boolean.TRUE.equals(event.staleSideRowsAllowed());
  }

  public String source() {
    return event.source();
  }

  public String versionHash() {
    return event.versionHash();
  }

  public LocalDate inForceFrom() {
    return LocalDate.parse(event.inForceFrom());
  }

  public Optional<LocalDate> issued() {
    return Optional.ofNullable(event.issued()).map(LocalDate::parse);
  }

  public String shortHash() {
    return event.versionHash().substring(0, 12);
  }
}
