package dev.compact.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An agreement version registered in the record. {@code norms} counts every clause of the registered
 * text; it is null (left out of JSON) for readers below secret, to whom it would tell how many clauses
 * are classified.
 */
public record VersionView(String versionHash, String agreementId, String title, @JsonInclude(JsonInclude.Include.NON_NULL) Integer norms,
    Instant registeredAt, String registeredBy, long storeSeq) {

  public VersionView withoutNormCount() {
    return new VersionView(versionHash, agreementId, title, null, registeredAt, registeredBy, storeSeq);
  }
}
