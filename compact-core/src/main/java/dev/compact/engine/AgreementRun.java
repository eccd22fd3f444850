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
