package dev.compact.agreements;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Dates in an agreement's life as the treaty record gives them: published, initialled, signed,
 * ratified per party, in force. A text published as recommendations (the Kyiv Security Compact of
 * 13 September 2022) has a publication date and no signature: it was offered, never signed.
 */
public record Lifecycle(
    Optional<LocalDate> published,
    Optional<Publication> publication,
    Optional<LocalDate> initialled,
    Optional<LocalDate> signed,
    SortedMap<PartyCode, LocalDate> ratified,
    Optional<LocalDate> inForce) {

  public Lifecycle {
    ratified = new TreeMap<>(ratified);
  }

  public Lifecycle(Optional<LocalDate> initialled, Optional<LocalDate> signed, SortedMap<PartyCode, LocalDate> ratified, Optional<LocalDate> inForce) {
    this(Optional.empty(), Optional.empty(), initialled, signed, ratified, inForce);
  }

  public static Lifecycle draft() {
    return new Lifecycle(Optional.empty(), Optional.empty(), new TreeMap<>(), Optional.empty());
  }

  /** True when the text is recommendations or a proposal: it can be published, never signed or in force. */
  public boolean unsignable() {
    return publication.map(p -> p != Publication.AGREED_TEXT).orElse(false);
  }

  /** "published as recommendations on 2022-09-13", or the plain stage for other texts. */
  public String describe() {
    Status status = status();
    if (status == Status.PUBLISHED) {
      return "published" + publication.map(p -> " as " + Keywords.of(p).replace('-', ' ')).orElse("")
          + published.map(d -> " on " + d).orElse("") + (unsignable() ? ", not signed" : "");
    }
    return Keywords.of(status).replace('-', ' ');
  }

  /** The furthest stage the recorded dates show. */
  public Status status() {
    if (inForce.isPresent()) {
      return Status.IN_FORCE;
    }
    if (!ratified.isEmpty()) {
      return Status.RATIFIED;
    }
    if (signed.isPresent()) {
      return Status.SIGNED;
    }
    if (initialled.isPresent()) {
      return Status.INITIALLED;
    }
    if (published.isPresent()) {
      return Status.PUBLISHED;
    }
    return Status.DRAFT;
  }

  public Map<PartyCode, LocalDate> ratifiedView() {
    return java.util.Collections.unmodifiableSortedMap(ratified);
  }

  /** Lifecycle stages; suspension and termination happen at run time and belong to the engine. */
  public enum Status {
    DRAFT,
    PUBLISHED,
    INITIALLED,
    SIGNED,
    RATIFIED,
    IN_FORCE
  }

  /** What kind of text was published: recommendations and proposals are offered, not agreed; an agreed text may be signed later. */
  public enum Publication {
    RECOMMENDATIONS,
    PROPOSAL,
    AGREED_TEXT
  }
}
