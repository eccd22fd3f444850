package dev.compact.packages;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A sanctions package as a legal act, as its issuing party adopted it (the issuer is the party that
 * records it; see {@code Event.SanctionsPackageRecorded}).
 *
 * @param title what the package is called ("19th package", "EO 14024, first designations")
 * @param legalActs the acts that make it law ("Council Regulation (EU) 2025/2033")
 * @param adopted the day it was adopted, when known
 * @param inForce the day it applies from, when known; later than today means not yet in force
 * @param measures what it imposes
 * @param designations whom it lists, when they are recorded one by one
 * @param designationCount how many designations the act made, when a source states it; the designations
 *     recorded one by one may be fewer
 * @param vote how the decision was taken ("unanimity of the 27 member states"), when known
 * @param renewal the day its measures must next be renewed, when known
 * @param sources for each fact stated, where it comes from (a URL, or a named file and how the figure was
 *     taken from it); keys are the fact's field ({@code adopted}, {@code legal-acts}, ...)
 */
public record SanctionsPackage(String title, List<String> legalActs, Optional<LocalDate> adopted, Optional<LocalDate> inForce,
    List<Measure> measures, List<Designation> designations, Optional<Integer> designationCount, Optional<String> vote,
    Optional<LocalDate> renewal, Map<String, String> sources) {

  /** The facts a package may state, by the key their source goes under. */
  public static final List<String> FACTS = List.of("title", "legal-acts", "adopted", "in-force", "measures", "designations",
      "designation-count", "vote", "renewal");

  public SanctionsPackage {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("a package needs a title");
    }
    legalActs = List.copyOf(legalActs == null ? List.of() : legalActs);
    measures = List.copyOf(measures == null ? List.of() : measures);
    designations = List.copyOf(designations == null ? List.of() : designations);
    adopted = adopted == null ? Optional.empty() : adopted;
    inForce = inForce == null ? Optional.empty() : inForce;
    designationCount = designationCount == null ? Optional.empty() : designationCount;
    vote = vote == null ? Optional.empty() : vote;
    renewal = renewal == null ? Optional.empty() : renewal;
    sources = sources == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(sources));
    if (designationCount.isPresent() && designationCount.get() < 0) {
      throw new IllegalArgumentException("'designation-count' cannot be negative");
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Designation d : designations) {
      if (!ids.add(d.id())) {
        throw new IllegalArgumentException("designation '" + d.id() + "' is listed twice");
      }
    }
    for (String key : sources.keySet()) {
      if (!FACTS.contains(key)) {
        throw new IllegalArgumentException("'" + key + "' is not a fact a package states; sources are given for " + String.join(", ", FACTS));
      }
    }
  }

  /**
   * The facts this package states without saying where they come from (the title needs none: it is
   * what the package is called). A register of legal acts is only as good as its sources, so the
   * service and the scenario parser refuse a package with any.
   */
  public List<String> unsourced() {
    List<String> missing = new ArrayList<>();
    check(missing, "legal-acts", !legalActs.isEmpty());
    check(missing, "adopted", adopted.isPresent());
    check(missing, "in-force", inForce.isPresent());
    check(missing, "measures", !measures.isEmpty());
    check(missing, "designations", !designations.isEmpty());
    check(missing, "designation-count", designationCount.isPresent());
    check(missing, "vote", vote.isPresent());
    check(missing, "renewal", renewal.isPresent());
    return missing;
  }

  private void check(List<String> missing, String fact, boolean stated) {
    if (stated && sources.getOrDefault(fact, "").isBlank()) {
      missing.add(fact);
    }
  }

  /** The designation with this id, if the package lists it. */
  public Optional<Designation> designation(String id) {
    return designations.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** Whether the package applies on {@code date}: from its in-force date, else from its adoption; never when neither is known. */
  public boolean inForceOn(LocalDate date) {
    return inForce.or(() -> adopted).map(d -> !d.isAfter(date)).orElse(false);
  }
}
