package dev.compact.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.compact.sanctions.EntityId;
import dev.compact.sanctionsregister.PackageRef;
import dev.compact.screening.Hit;
import dev.compact.screening.Thresholds;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Locale;

/**
 * The answers of {@code POST /api/screen} and {@code /api/screen/batch} as records, so that the
 * OpenAPI document names every field with its type. Fields come in the order the maps they
 * replace had, so existing clients read the same JSON; optional fields are left out, not null.
 */
final class ScreeningAnswers {

  private ScreeningAnswers() {}

  /** The thresholds every answer states, so that a client can read a score without the docs. */
  static final ScreeningThresholds THRESHOLDS = new ScreeningThresholds(Thresholds.ALERT,
      Thresholds.REVIEW);

  @Schema(description = "The answer of POST /api/screen.")
  record ScreeningAnswer(
      @Schema(description = "The query name as normalised for comparison.") String query,
      @Schema(description = "Listed entities scored in full for this query.") int candidates,
      @Schema(description = "Hits at or above the review threshold, best first.") List<ScreeningHit> hits,
      ScreeningThresholds thresholds,
      @Schema(description = "The lists screened, with their versions.") List<ScreenedList> lists,
      @Schema(description = "The date the list versions were taken as of, when the query gave one.")
      @JsonInclude(JsonInclude.Include.NON_NULL) String asOf) {}

  @Schema(description = "A listed entity found for the query, with why.")
  record ScreeningHit(
      @Schema(description = "From 0 to 1, to three decimals; ranks hits, it is not a probability.") double score,
      @Schema(description = "alert or review.") String decision,
      @Schema(description = "The list the entry is on.") String list,
      @Schema(description = "The version hash of that list.") String listVersion,
      @Schema(description = "The matcher's version.") String algorithm,
      @Schema(description = "The entry's id within its list.") EntityId id,
      @Schema(description = "The listed name that aligned best, as listed.") String name,
      @Schema(description = "person, organization, company, vessel or aircraft.") String schema,
      @Schema(description = "The explanation, one line per step, as a reviewer reads it.") List<String> explanation,
      @Schema(description = "The source keyword of the recorded list version the entry came from, when screening used"
          + " the record's versions.") @JsonInclude(JsonInclude.Include.NON_NULL) String listSource,
      @Schema(description = "From when that version is in force.")
      @JsonInclude(JsonInclude.Include.NON_NULL) String listVersionInForceFrom,
      @Schema(description = "The sanctions packages recorded as designating the entry.") List<PackageRef> packages,
      @Schema(description = "The entry's primary name, as listed ('name' may be one of its aliases); last, so that clients of"
          + " the answers before it read the same fields in the same order.") String primaryName) {

    static ScreeningHit of(Hit hit, String listSource, String listVersionInForceFrom, List<PackageRef> packages) {
      return new ScreeningHit(Math.round(hit.score() * 1000) / 1000.0,
          hit.decision().name().toLowerCase(Locale.ROOT), hit.explanation().listName(),
          hit.explanation().listVersion(), hit.explanation().algorithm(), hit.entity().id(),
          hit.explanation().matchedName(), hit.entity().schema().name().toLowerCase(Locale.ROOT),
          hit.explanation().describe(), listSource, listVersionInForceFrom, packages, hit.entity().primaryName().full());
    }
  }

  @Schema(description = "The thresholds scores are decided by.")
  record ScreeningThresholds(@Schema(description = "At or above: alert.") double alert,
      @Schema(description = "At or above, below alert: review.") double review) {}

  @Schema(description = "A list screened against.")
  record ScreenedList(
      @Schema(description = "The list's name.") String name,
      @Schema(description = "Its version hash, shortened to 12 characters.") String version,
      @Schema(description = "The source keyword, when the version is one recorded in the record.")
      @JsonInclude(JsonInclude.Include.NON_NULL) String source,
      @Schema(description = "From when the recorded version is in force.")
      @JsonInclude(JsonInclude.Include.NON_NULL) String inForceFrom,
      @Schema(description = "Only on the bundled demonstration lists, which answer while the record holds no list version in force:"
          + " what they are (old extracts, never for real screening).")
      @JsonInclude(JsonInclude.Include.NON_NULL) String note) {

    /** What the bundled lists are, on every answer they give. */
    static final String BUNDLED = "bundled demonstration extract (OFAC SDN of 2021, UN of 2021): old, never for real screening;"
        + " record list versions with compact lists import";
  }

  @Schema(description = "The answer of POST /api/screen/batch: one result per query, in order.")
  record BatchScreeningAnswer(List<BatchScreeningResult> results, ScreeningThresholds thresholds,
      List<ScreenedList> lists) {}

  @Schema(description = "The result of one query of a batch: its hits, or the problems that kept it from being screened.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record BatchScreeningResult(
      @Schema(description = "The query's position in the batch, from 0.") int index,
      @Schema(description = "The query name as normalised for comparison.") String query,
      @Schema(description = "Listed entities scored in full for this query.") Integer candidates,
      @Schema(description = "Hits at or above the review threshold, best first.") List<ScreeningHit> hits,
      @Schema(description = "Why the query was not screened.") List<String> problems) {}
}
