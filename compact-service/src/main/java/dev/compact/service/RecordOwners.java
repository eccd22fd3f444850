package dev.compact.service;

import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whose each record is that a later write with the same id amends, as the log first recorded it:
 * the issuer of each sanctions package. A write's own events name an owner too (the issuer its new
 * terms give), but the one that counts is the record's: asking only the request let any desk name
 * itself issuer of another party's package and rewrite it. Folded from the log with the engine; not
 * thread-safe: the record service uses it under its lock.
 */
final class RecordOwners {
  /** package id -> the issuer its first terms named. */
  private final Map<String, PartyCode> issuers = new HashMap<>();

  /** Forgets every owner, before the log is folded again from the start. */
  void forget() {
    issuers.clear();
  }

  /**
   * Notes the owner a recorded event gives its record. The first terms fix a package's issuer: a log
   * written before the rule, in which later terms named another, keeps the first as the owner.
   */
  void remember(Event event) {
    if (event instanceof Event.SanctionsPackageRecorded e) {
      issuers.putIfAbsent(e.sanctionsPackage(), e.by());
    }
  }

  /** The issuer of a package's first recorded terms; empty when no terms were recorded (acts may name a package first). */
  Optional<PartyCode> issuer(String sanctionsPackage) {
    return Optional.ofNullable(issuers.get(sanctionsPackage));
  }
}
