package dev.compact.web;

import dev.compact.agreements.PartyCode;
import dev.compact.commands.Command;
import dev.compact.engine.Event;
import dev.compact.service.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns dashboard form fields into the same commands the REST API hands to the command handler,
 * with the same checks and messages (field named, what would be right). A form's act happens when
 * the record takes it. Every failure is an IllegalArgumentException.
 */
final class FormCommands {

  private FormCommands() {}

  static Command.ReportIncident incident(String id, String kind, String place, int severity, String reportedBy, String attacker,
      String outlet, String link, String quotation) {
    if (severity < 1 || severity > 5) {
      throw new IllegalArgumentException("'severity' must be a whole number from 1 (minor) to 5 (large-scale)");
    }
    place = Fields.place(place == null ? "" : place.strip());
    List<Event.Evidence> evidence = new ArrayList<>();
    if (outlet != null && !outlet.isBlank()) {
      evidence.add(new Event.Evidence(limited(outlet.strip(), "source"), blank(link), blank(quotation), Optional.empty()));
    } else if (!blank(link).isEmpty() || !blank(quotation).isEmpty()) {
      throw new IllegalArgumentException("'source' is required when a link or a quotation is given: name the outlet that reported it");
    }
    return new Command.ReportIncident(new Event.IncidentId(id(id, "incident id")), keyword(Event.IncidentKind.class, kind, "kind"),
        place.strip(), severity, party(reportedBy, "reported by"), evidence, Optional.empty(),
        attacker == null || attacker.isBlank() ? Optional.empty() : Optional.of(party(attacker, "attacker")), Optional.empty());
  }

  static Command.VerifyIncident verify(String incident, String by) {
    return new Command.VerifyIncident(new Event.IncidentId(incident), party(by, "verified by"), Optional.empty());
  }

  static Command.RejectIncident reject(String incident, String by, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("'reason' is required to reject an incident");
    }
    return new Command.RejectIncident(new Event.IncidentId(incident), party(by, "rejected by"), limited(reason.strip(), "reason"),
        Optional.empty());
  }

  static Command.RequestConsultation consultation(String id, String by, String incident) {
    return new Command.RequestConsultation(new Event.ConsultationId(id(id, "consultation id")), party(by, "requested by"),
        Optional.ofNullable(incident).filter(i -> !i.isBlank()).map(Event.IncidentId::new), Optional.empty());
  }

  static Command.RecordMeeting held(String consultation, List<String> attended, String level) {
    List<PartyCode> parties = new ArrayList<>();
    for (String code : attended == null ? List.<String>of() : attended) {
      parties.add(party(code, "attended"));
    }
    if (parties.isEmpty()) {
      throw new IllegalArgumentException("tick at least one party that attended the meeting");
    }
    return new Command.RecordMeeting(new Event.ConsultationId(consultation), parties, Optional.empty(),
        level == null || level.isBlank() ? Optional.empty()
            : Optional.of(dev.compact.service.Fields.keyword(dev.compact.agreements.MeetingLevel.class, level, "level")));
  }

  /**
   * The idempotency key of a form, from its hidden {@code formKey} field, made afresh each time the page is rendered:
   * a form the browser sends again (a double click, "resend form data?" after a network error, back and resubmit)
   * is answered with what its first post recorded instead of recording again, as an API retry with the same
   * Idempotency-Key is. Scoped apart from the API's keys; a form without one (an older page) records as before.
   */
  static Optional<String> key(String formKey) {
    if (formKey == null || formKey.isBlank()) {
      return Optional.empty();
    }
    if (!formKey.matches("[A-Za-z0-9]{1,64}")) {
      throw new IllegalArgumentException("'formKey' must be the letters and digits the page gave; reload the page and send the form again");
    }
    return Optional.of("form:" + formKey);
  }

  // Form fields arrive with stray spaces; past that, they are checked exactly as the API's fields are.
  static String id(String value, String field) {
    return Fields.id(value == null ? "" : value.strip(), field);
  }

  static PartyCode party(String value, String field) {
    return Fields.party(value == null ? "" : value.strip(), field);
  }

  static <E extends Enum<E>> E keyword(Class<E> type, String value, String field) {
    return Fields.keyword(type, value == null ? "" : value.strip(), field);
  }

  private static String blank(String value) {
    return value == null ? "" : Fields.limited(value.strip(), "evidence");
  }

  private static String limited(String value, String field) {
    return Fields.limited(value, field);
  }
}
