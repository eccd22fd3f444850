package dev.compact.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One change of a norm instance's state and its cause. {@code storeSeq} and {@code position} place it
 * in the log; both are null (and left out of JSON) below secret clearance, whose gaps would count the
 * events hidden from the reader.
 */
public record TransitionView(@JsonInclude(JsonInclude.Include.NON_NULL) Long storeSeq,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer position, String instanceKey, Instant at, String fromState, String toState,
    String cause) {

  TransitionView withoutSequence() {
    return new TransitionView(null, null, instanceKey, at, fromState, toState, cause);
  }
}
