package dev.compact.agreements;

/** A guarantor of a compact and its tier. */
public record Guarantor(PartyCode party, Tier tier) {}
