package dev.compact.incidents;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An incident as reported and decided. {@code evidence} is the reported evidence as a JSON array in
 * text, as recorded; {@code lastSeq} is shown only to readers cleared for secret.
 */
public record IncidentView(String incidentId, String kind, String place, int severity, String reportedBy, Instant reportedAt, String status,
    @Nullable String decidedBy, @Nullable Instant decidedAt, @Nullable String reason, String evidence, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long lastSeq,
    String classification) {

  /** The same row without its log position, for a reader who is not shown sequence numbers. */
  public IncidentView withoutSequence() {
    return new IncidentView(incidentId, kind, place, severity, reportedBy, reportedAt, status, decidedBy, decidedAt, reason, evidence, null,
        classification);
  }
}
