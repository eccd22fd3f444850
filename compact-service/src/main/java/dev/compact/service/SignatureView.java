package dev.compact.service;

import java.time.Instant;

/** A party's verified signature over one agreement version, as recorded. */
public record SignatureView(String agreementId, String versionHash, String party, String signature, Instant signedAt, long storeSeq) {}
