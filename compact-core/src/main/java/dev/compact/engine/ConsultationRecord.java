package dev.compact.engine;

import dev.compact.agreements.PartyCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** A consultation as requested, with when it met and decided, who attended, and the instances it created. */
final class ConsultationRecord {
  final String id;
  final PartyCode requestedBy;
  final @Nullable IncidentRecord incident;
  final Instant requestedAt;
  @Nullable Instant heldAt;
  @Nullable Instant decidedAt;
  final Set<PartyCode> attended = new TreeSet<>();
  /** Who is recorded as attending each meeting, by when it was held: another attendee's record attests a meeting ({@link Admission}). */
  final java.util.Map<Instant, Set<PartyCode>> meetings = new java.util.HashMap<>();
  final List<Instance> instances = new ArrayList<>();

  ConsultationRecord(Event.ConsultationRequested e, @Nullable IncidentRecord incident) {
    this.id = e.consultation().value();
    this.requestedBy = e.by();
    this.incident = incident;
    this.requestedAt = e.occurredAt();
  }
}
