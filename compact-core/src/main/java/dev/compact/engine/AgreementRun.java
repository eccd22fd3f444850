package dev.compact.engine;

import dev.compact.engine.Engine.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One agreement of the compact as a fold sees it: its status, its dates and the instances it created. */
final class AgreementRun {
  final Plan plan;
  AgreementStatus status = AgreementStatus.NOT_IN_FORCE;
  @Nullable Instant inForceAt;
  /** When the term ends, as last extended; null when it has no end. */
  @Nullable Instant termEnd;
  int extendedYears;
  /**
   * Each party's own recorded consent to an extension by so many years ({@code by} naming itself in {@code agreedBy}),
   * until an extension by that many years takes effect: what lets a desk record the last consent with the others'
   * on file ({@link Admission}). It changes nothing in the fold.
   */
  final java.util.Map<Integer, java.util.Set<dev.compact.agreements.PartyCode>> consents = new java.util.HashMap<>();
  /** The first signature recorded by an event, if any. */
  @Nullable Instant signedAt;
  @Nullable Instant noticeAt;
  String noticeText = "";
  final List<Instance> instances = new ArrayList<>();
  final List<Instance> prohibitions = new ArrayList<>();
  final List<Instance> standing = new ArrayList<>();

  AgreementRun(Plan plan) {
    this.plan = plan;
  }
}
