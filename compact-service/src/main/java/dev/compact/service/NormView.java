package dev.compact.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A norm instance as the read model holds it: where one party's duty or power under one clause (in
 * one context) stands now. {@code lastSeq} is the log position of its last change, shown only to
 * readers cleared for secret (null, and left out of JSON, below: its gaps would count hidden events).
 */
public record NormView(String instanceKey, String agreementId, String clauseId, String obligor, String context, String kind, String action,
    String state, Instant activatedAt, Instant dueAt, String deadline, String progress, String blockedBy, Instant settledAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long lastSeq, String classification) {

  NormView withoutSequence() {
    return new NormView(instanceKey, agreementId, clauseId, obligor, context, kind, action, state, activatedAt, dueAt, deadline, progress,
        blockedBy, settledAt, null, classification);
  }
}
