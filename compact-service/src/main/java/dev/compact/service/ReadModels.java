package dev.compact.service;

import dev.compact.agreements.Keywords;
import dev.compact.engine.Event;
import dev.compact.store.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.stream.Collectors;

/**
 * Projects incidents, consultations and support into their tables. Norm instances and transitions
 * come from the engine instead (see {@link RecordService}).
 */
final class ReadModels {
  private ReadModels() {}

  /** Projects an event; {@code level} is the classification of the record it makes or is about. */
  static void project(Connection c, StoredEvent stored, Event event, EventCodec codec, String level) throws SQLException {
    switch (event) {
      case Event.IncidentReported e -> update(c, "INSERT INTO incidents (incident_id, kind, place, severity, reported_by, reported_us, report_seq,"
          + " status, evidence, last_seq, classification) VALUES (?, ?, ?, ?, ?, ?, ?, 'reported', ?, ?, ?)", e.incident().value(),
          Keywords.of(e.kind()), e.place(), e.severity(), e.reportedBy().value(), Micros.of(e.occurredAt()), stored.seq(),
          codec.json(e.evidence()), stored.seq(), level);
      // An incident is settled once, as the engine reads it: a second verdict (a log written before the write
      // policy refused one) leaves the first standing here too, so the record does not contradict its duties. The
      // first is the first to occur, as the engine folds the record (engine.md, "Events recorded late"): a verdict
      // recorded later but backdated before the one shown replaces it; at the same instant the one recorded first
      // stands, as in the engine, and events arrive here in the order recorded, so only a strictly earlier one wins.
      case Event.IncidentVerified e -> {
        update(c, "UPDATE incidents SET status = 'verified', decided_by = ?, decided_us = ?, reason = NULL WHERE incident_id = ?"
            + " AND (status = 'reported' OR decided_us > ?)", e.by().value(), Micros.of(e.occurredAt()), e.incident().value(),
            Micros.of(e.occurredAt()));
        update(c, "UPDATE incidents SET last_seq = ? WHERE incident_id = ?", stored.seq(), e.incident().value());
      }
      case Event.IncidentRejected e -> {
        update(c, "UPDATE incidents SET status = 'rejected', decided_by = ?, decided_us = ?, reason = ? WHERE incident_id = ?"
            + " AND (status = 'reported' OR decided_us > ?)", e.by().value(), Micros.of(e.occurredAt()), e.reason(), e.incident().value(),
            Micros.of(e.occurredAt()));
        update(c, "UPDATE incidents SET last_seq = ? WHERE incident_id = ?", stored.seq(), e.incident().value());
      }
      case Event.ConsultationRequested e -> update(c, "INSERT INTO consultations (consultation_id, requested_by, incident_id, requested_us,"
          + " request_seq, attended, measures, last_seq, classification) VALUES (?, ?, ?, ?, ?, '', '[]', ?, ?)", e.consultation().value(),
          e.by().value(), e.incident().map(Event.IncidentId::value).orElse(null), Micros.of(e.occurredAt()), stored.seq(), stored.seq(), level);
      case Event.ConsultationHeld e -> held(c, stored, e);
      case Event.MeasuresDecided e -> update(c, "UPDATE consultations SET measures = ?, last_seq = ? WHERE consultation_id = ?",
          decisions(current(c, "measures", e.consultation()), codec.json(e)), stored.seq(), e.consultation().value());
      case Event.AllocationRecorded e -> support(c, stored, "allocation", e, level);
      case Event.DeliveryRecorded e -> support(c, stored, "delivery", e, level);
      case Event.Signed e -> { }
      case Event.Ratified e -> { }
      case Event.EnteredIntoForce e -> { }
      case Event.Suspended e -> { }
      case Event.Resumed e -> { }
      case Event.TerminationNoticeGiven e -> { }
      case Event.PartyStatusChanged e -> { }
      // Packages are folded from the log by the sanctions register (dev.compact.sanctionsregister), not projected into a table.
      case Event.SanctionsPackageRecorded e -> { }
      case Event.SanctionsProposed e -> { }
      case Event.SanctionsBlocked e -> { }
      case Event.SanctionsLifted e -> { }
      case Event.SanctionsAdopted e -> { }
      case Event.SanctionsEased e -> { }
      case Event.SanctionsReimposed e -> { }
      case Event.DesignationLifted e -> { }
      case Event.DesignationReimposed e -> { }
      case Event.ActEvent e -> { }
      case Event.TimeAdvanced e -> { }
    }
  }

  static void version(Connection c, StoredEvent stored, Registrations.VersionRegistered version) throws SQLException {
    update(c, "INSERT INTO agreement_versions (version_hash, agreement_id, title, norms, registered_us, registered_by, store_seq)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", version.versionHash(), version.agreementId(), version.title(), version.norms(),
        Micros.of(stored.recordedAt()), stored.actor(), stored.seq());
  }

  static void key(Connection c, StoredEvent stored, Registrations.KeyRegistered key) throws SQLException {
    update(c, "INSERT INTO party_keys (party, public_key, registered_us, store_seq) VALUES (?, ?, ?, ?)", key.party(), key.publicKey(),
        Micros.of(stored.recordedAt()), stored.seq());
  }

  static void signature(Connection c, StoredEvent stored, Registrations.AgreementSigned signed) throws SQLException {
    update(c, "INSERT INTO signatures (store_seq, agreement_id, version_hash, party, signature, signed_us) VALUES (?, ?, ?, ?, ?, ?)",
        stored.seq(), signed.agreementId(), signed.versionHash(), signed.party(), signed.signature(), Micros.of(stored.recordedAt()));
  }

  private static void support(Connection c, StoredEvent stored, String kind, Event.SupportEvent e, String level) throws SQLException {
    update(c, "INSERT INTO support (store_seq, kind, guarantor, category, amount, currency, rate, items, counts_against, occurred_us,"
            + " classification, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", stored.seq(), kind, e.guarantor().value(),
        Keywords.of(e.category()), e.value().map(m -> m.value().toPlainString()).orElse(null), e.value().map(m -> m.currency()).orElse(null),
        e.rate().map(r -> r.rate().toPlainString() + " " + r.currency()).orElse(null), items(e.items()),
        e.countsAgainst().map(Object::toString).orElse(null), Micros.of(e.occurredAt()), level, e.scope().map(Keywords::of).orElse(null));
  }

  /**
   * A meeting: the consultation was held when it first met, and attended by everyone who attended any meeting (as
   * the engine counts them), each desk recording its own party's attendance; the latest record alone named only its
   * writer's party.
   */
  private static void held(Connection c, StoredEvent stored, Event.ConsultationHeld e) throws SQLException {
    java.util.LinkedHashSet<String> attended = new java.util.LinkedHashSet<>();
    String before = current(c, "attended", e.consultation());
    if (before != null && !before.isBlank()) {
      attended.addAll(java.util.List.of(before.split(",")));
    }
    e.attended().forEach(p -> attended.add(p.value()));
    long at = Micros.of(e.occurredAt());
    update(c, "UPDATE consultations SET held_us = CASE WHEN held_us IS NULL OR held_us > ? THEN ? ELSE held_us END, attended = ?,"
        + " last_seq = ? WHERE consultation_id = ?", at, at, String.join(",", attended), stored.seq(), e.consultation().value());
  }

  /**
   * Every decision on a consultation's measures, in the order recorded, as a JSON array of measures-decided events:
   * several desks decide their own party's measures under a national rule, and the latest decision alone hid the
   * others. A value written before (one event, not an array) is kept as the first decision.
   */
  static String decisions(String before, String decision) {
    String held = before == null ? "" : before.strip();
    if (held.isEmpty() || held.equals("[]") || held.equals("null")) {
      return "[" + decision + "]";
    }
    return held.startsWith("[") ? held.substring(0, held.length() - 1) + "," + decision + "]" : "[" + held + "," + decision + "]";
  }

  /** A column of a consultation's row as it stands, or null. */
  private static String current(Connection c, String column, Event.ConsultationId consultation) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM consultations WHERE consultation_id = ?")) {
      ps.setString(1, consultation.value());
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static void update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      ps.executeUpdate();
    }
  }

  /** Items as one line of the support read model, in the order they were given. */
  static String items(java.util.List<dev.compact.agreements.ItemLine> items) {
    return items.stream().map(dev.compact.agreements.ItemLine::display).collect(Collectors.joining("; "));
  }
}
