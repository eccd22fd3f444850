package dev.compact.consultations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A consultation: who requested it (about which incident), when it first met and who attended any of its
 * meetings (party codes separated by commas), and the measures it decided (every measures-decided event, in
 * the order recorded, as the text of a JSON array; {@code []} before any). {@code lastSeq} is shown only to
 * readers cleared for secret.
 */
public record ConsultationView(String consultationId, String requestedBy, @Nullable String incidentId, Instant requestedAt, @Nullable Instant heldAt,
    String attended, String measures, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long lastSeq, String classification) {

  /** The same row without its log position, for a reader who is not shown sequence numbers. */
  public ConsultationView withoutSequence() {
    return new ConsultationView(consultationId, requestedBy, incidentId, requestedAt, heldAt, attended, measures, null, classification);
  }
}
