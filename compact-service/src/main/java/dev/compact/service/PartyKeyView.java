package dev.compact.service;

import java.time.Instant;

/** A party's registered public signing key (PEM); signatures by the party are checked against it. */
public record PartyKeyView(String party, String publicKey, Instant registeredAt, long storeSeq) {}
