package dev.compact.web;

import dev.compact.agreements.Keywords;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns dashboard form fields into the same engine events the REST API records, with the same
 * checks and messages (field named, what would be right). Every failure is an IllegalArgumentException.
 */
final class FormEvents {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
  private static final Pattern PLACE = Pattern.compile("[A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3}(-[A-Z0-9]{1,8})*");

  private FormEvents() {}

  static Event.IncidentReported incident(Instant now, String id, String kind, String place, int severity, String reportedBy,
      String outlet, String link, String quotation) {
    if (severity < 1 || severity > 5) {
      throw new IllegalArgumentException("'severity' must be a whole number from 1 (minor) to 5 (large-scale)");
    }
    if (place == null || !PLACE.matcher(place.strip()).matches()) {
      throw new IllegalArgumentException("'place' must be an ISO 3166-1 alpha-3 or ISO 3166-2 code such as UKR or UA-63, not '" + place + "'");
    }
    List<Event.Evidence> evidence = new ArrayList<>();
    if (outlet != null && !outlet.isBlank()) {
      evidence.add(new Event.Evidence(limited(outlet.strip(), "source"), blank(link), blank(quotation), Optional.empty()));
    } else if (!blank(link).isEmpty() || !blank(quotation).isEmpty()) {
      throw new IllegalArgumentException("'source' is required when a link or a quotation is given: name the outlet that reported it");
    }
    return new Event.IncidentReported(now, now, new Event.IncidentId(id(id, "incident id")), keyword(Event.IncidentKind.class, kind, "kind"),
        place.strip(), severity, party(reportedBy, "reported by"), evidence);
  }

  static Event.IncidentVerified verify(Instant now, String incident, String by) {
    return new Event.IncidentVerified(now, now, new Event.IncidentId(incident), party(by, "verified by"));
  }

  static Event.IncidentRejected reject(Instant now, String incident, String by, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("'reason' is required to reject an incident");
    }
    return new Event.IncidentRejected(now, now, new Event.IncidentId(incident), party(by, "rejected by"), limited(reason.strip(), "reason"));
  }

  static Event.ConsultationRequested consultation(Instant now, String id, String by, String incident) {
    return new Event.ConsultationRequested(now, now, new Event.ConsultationId(id(id, "consultation id")), party(by, "requested by"),
        Optional.ofNullable(incident).filter(i -> !i.isBlank()).map(Event.IncidentId::new));
  }

  static Event.ConsultationHeld held(Instant now, String consultation, List<String> attended) {
    List<PartyCode> parties = new ArrayList<>();
    for (String code : attended == null ? List.<String>of() : attended) {
      parties.add(party(code, "attended"));
    }
    if (parties.isEmpty()) {
      throw new IllegalArgumentException("tick at least one party that attended the meeting");
    }
    return new Event.ConsultationHeld(now, now, new Event.ConsultationId(consultation), parties);
  }

  static String id(String value, String field) {
    if (value == null || !ID.matcher(value.strip()).matches()) {
      throw new IllegalArgumentException("'" + field + "' must be 1 to 80 letters, digits, '.', '_' or '-', not '" + value + "'");
    }
    return value.strip();
  }

  static PartyCode party(String value, String field) {
    if (value == null || !PartyCode.isKnown(value.strip())) {
      throw new IllegalArgumentException("'" + field + "': unknown party '" + value + "'; use an ISO 3166-1 alpha-3 code such as GBR");
    }
    return new PartyCode(value.strip());
  }

  static <E extends Enum<E>> E keyword(Class<E> type, String value, String field) {
    return Keywords.parse(type, value == null ? "" : value.strip()).orElseThrow(() ->
        new IllegalArgumentException("'" + field + "' must be one of " + Keywords.choices(type) + ", not '" + value + "'"));
  }

  private static String blank(String value) {
    return value == null ? "" : limited(value.strip(), "evidence");
  }

  private static String limited(String value, String field) {
    if (value.length() > 2_000) {
      throw new IllegalArgumentException("'" + field + "' is longer than 2,000 characters");
    }
    return value;
  }
}
