package dev.compact.engine;

import dev.compact.agreements.Keywords;
import dev.compact.agreements.PartyCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** An incident as reported, with what followed it: verification or rejection, its instances and consultations. */
final class IncidentRecord {
  final String id;
  final String kind;
  final String place;
  final long severity;
  final String attacker;
  final Optional<dev.compact.agreements.Area.Point> location;
  final Instant reportedAt;
  @Nullable Instant verifiedAt;
  boolean rejected;
  final List<Instance> instances = new ArrayList<>();
  final List<ConsultationRecord> consultations = new ArrayList<>();

  IncidentRecord(Event.IncidentReported e) {
    this.id = e.incident().value();
    this.kind = Keywords.of(e.kind());
    this.place = e.place();
    this.severity = e.severity();
    this.attacker = e.attacker().map(PartyCode::value).orElse("");
    this.location = e.location();
    this.reportedAt = e.occurredAt();
  }
}
