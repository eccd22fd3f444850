package dev.compact.service;

import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whose each record is that a later write with the same id amends, as the log first recorded it:
 * the issuer of each sanctions package, and the guarantors that adopted it (who alone besides the
 * issuer act on its designations). A write's own events name an owner too (the issuer its new
 * terms give), but the one that counts is the record's: asking only the request let any desk name
 * itself issuer of another party's package and rewrite it. Folded from the log with the engine; not
 * thread-safe: the record service uses it under its lock.
 */
final class RecordOwners {
  /** package id -> the issuer its first terms named. */
  private final Map<String, PartyCode> issuers = new HashMap<>();
  /** package id -> the guarantors that adopted it: they apply its designations, and may stop applying one. */
  private final Map<String, java.util.Set<PartyCode>> adopters = new HashMap<>();

  /** Forgets every owner, before the log is folded again from the start. */
  void forget() {
    issuers.clear();
    adopters.clear();
  }

  /**
   * Notes the owner a recorded event gives its record. The first terms fix a package's issuer: a log
   * written before the rule, in which later terms named another, keeps the first as the owner.
   */
  void remember(Event event) {
    if (event instanceof Event.SanctionsPackageRecorded e) {
      issuers.putIfAbsent(e.sanctionsPackage(), e.by());
    }
    if (event instanceof Event.SanctionsAdopted e) {
      adopters.computeIfAbsent(e.sanctionsPackage(), p -> new java.util.HashSet<>()).add(e.by());
    }
  }

  /** Whether {@code party} has adopted the package (at any time on the record). */
  boolean adopted(String sanctionsPackage, PartyCode party) {
    return adopters.getOrDefault(sanctionsPackage, java.util.Set.of()).contains(party);
  }

  /** The issuer of a package's first recorded terms; empty when no terms were recorded (acts may name a package first). */
  Optional<PartyCode> issuer(String sanctionsPackage) {
    return Optional.ofNullable(issuers.get(sanctionsPackage));
  }
}
