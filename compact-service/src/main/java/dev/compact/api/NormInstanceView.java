package dev.compact.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.compact.service.NormView;
import dev.compact.service.TransitionView;
import java.time.Instant;
import java.util.List;

/** One norm instance with its history of transitions, oldest first: the answer of {@code GET /api/norms/instance}. */
record NormInstanceView(String instanceKey, String agreementId, String clauseId, String obligor, String context, String kind, String action,
    String state, Instant activatedAt, Instant dueAt, String deadline, String progress, String blockedBy, Instant settledAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long lastSeq, String classification, List<TransitionView> history) {

  static NormInstanceView of(NormView n, List<TransitionView> history) {
    return new NormInstanceView(n.instanceKey(), n.agreementId(), n.clauseId(), n.obligor(), n.context(), n.kind(), n.action(), n.state(),
        n.activatedAt(), n.dueAt(), n.deadline(), n.progress(), n.blockedBy(), n.settledAt(), n.lastSeq(), n.classification(), history);
  }
}
