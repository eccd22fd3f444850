package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Boundary;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Domain;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Money;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventCodecTests {
  static final Instant AT = Instant.parse("2026-03-01T06:00:00Z");
  static final Instant RECORDED = Instant.parse("2026-03-01T06:05:00Z");
  final EventCodec codec = new EventCodec();

  @Test
  void everyKindOfEventSurvivesTheRoundTrip() {
    List<Event> events = List.of(
        new Event.IncidentReported(AT, RECORDED, new Event.IncidentId("i1"), Event.IncidentKind.ARMED_ATTACK, "UA-63", 4,
            new PartyCode("UKR"), List.of(new Event.Evidence("Reuters", "https://example.org/a", "quote", Optional.of(AT)))),
        new Event.ConsultationRequested(AT, RECORDED, new Event.ConsultationId("c1"), new PartyCode("UKR"), Optional.of(new Event.IncidentId("i1"))),
        new Event.MeasuresDecided(AT, RECORDED, new Event.ConsultationId("c1"),
            List.of(new Event.Measure("m1", new PartyCode("GBR"), "deliver air defence", Domain.MILITARY,
                Optional.of(new Money(new BigDecimal("100000000"), "GBP")), List.of(new ItemLine("interceptors", 50)),
                IsoDuration.parse("P30D").orElseThrow(), Boundary.INCLUSIVE)),
            List.of(new PartyCode("GBR")), List.of()),
        new Event.DeliveryRecorded(AT, RECORDED, new PartyCode("DEU"), Domain.MILITARY, Optional.of(new Money(new BigDecimal("1.5E+9"), "EUR")),
            Optional.empty(), List.of(), Optional.of(new Event.Target.Clause(new AgreementId("deu-ukr-2024"), new ClauseId("deu-mil-2024")))),
        new Event.SanctionsPackageRecorded(AT, RECORDED, "eu-19", new PartyCode("EU"), new dev.compact.packages.SanctionsPackage(
            "19th package", List.of("Council Regulation (EU) 2025/2033"), Optional.of(java.time.LocalDate.parse("2025-10-23")),
            Optional.empty(), List.of(new dev.compact.packages.Measure(dev.compact.packages.MeasureKind.TRADE, "LNG import ban",
                Optional.of(java.time.LocalDate.parse("2026-04-25")))),
            List.of(new dev.compact.packages.Designation("v1", "a vessel", Optional.of("eu"), Optional.of("EU.1.2")),
                new dev.compact.packages.Designation("v2", "", Optional.empty(), Optional.empty())),
            Optional.of(117), Optional.empty(), Optional.empty(),
            java.util.Map.of("adopted", "https://example.org/a", "legal-acts", "https://example.org/a", "measures", "https://example.org/b",
                "designations", "https://example.org/c", "designation-count", "https://example.org/c"))),
        new Event.SanctionsBlocked(AT, RECORDED, "eu-20", new PartyCode("EU"), List.of(new PartyCode("HUN"), new PartyCode("SVK")), ""),
        new Event.TimeAdvanced(AT, RECORDED));

    for (Event event : events) {
      EventCodec.Encoded encoded = codec.encode(event);

      assertThat(codec.decode(encoded.type(), encoded.payload(), AT, RECORDED)).isEqualTo(event);
      assertThat(encoded.payload()).doesNotContain("occurredAt", "recordedAt");
    }
  }

  @Test
  void aClassifiedRecordCarriesItsMarkInThePayloadAndAPublicOneNone() {
    Event event = new Event.IncidentReported(AT, RECORDED, new Event.IncidentId("i1"), Event.IncidentKind.ARMED_ATTACK, "UA-63", 4,
        new PartyCode("UKR"), List.of());

    EventCodec.Encoded restricted = codec.encode(event, dev.compact.agreements.Classification.RESTRICTED);
    EventCodec.Encoded open = codec.encode(event, dev.compact.agreements.Classification.PUBLIC);

    assertThat(restricted.payload()).contains("\"classification\":\"restricted\"");
    assertThat(codec.classification(restricted.payload())).isEqualTo(dev.compact.agreements.Classification.RESTRICTED);
    assertThat(codec.decode(restricted.type(), restricted.payload(), AT, RECORDED)).isEqualTo(event);
    // Public payloads are byte for byte what they were before records could be classified: old chains still verify.
    assertThat(open).isEqualTo(codec.encode(event));
    assertThat(open.payload()).doesNotContain("classification");
    assertThat(codec.classification(open.payload())).isEqualTo(dev.compact.agreements.Classification.PUBLIC);
  }

  @Test
  void typeNamesAreKebabCaseRecordNames() {
    Event event = new Event.IncidentVerified(AT, RECORDED, new Event.IncidentId("i1"), new PartyCode("UKR"));

    assertThat(codec.encode(event).type()).isEqualTo("incident-verified");
    assertThat(codec.typeNames()).contains("incident-reported", "consultation-held", "time-advanced", "sanctions-eased");
  }

  @Test
  void payloadBytesAreTheSameEveryTime() {
    Event event = new Event.ConsultationHeld(AT, RECORDED, new Event.ConsultationId("c1"), List.of(new PartyCode("GBR"), new PartyCode("FRA")));

    assertThat(new EventCodec().encode(event)).isEqualTo(codec.encode(event));
    assertThat(codec.encode(event).payload()).isEqualTo("{\"attended\":[\"GBR\",\"FRA\"],\"consultation\":\"c1\"}");
  }

  @Test
  void aMeetingKeepsItsLevelAndOneWithoutALevelReadsBackWithout() {
    Event senior = new Event.ConsultationHeld(AT, RECORDED, new Event.ConsultationId("c1"), List.of(new PartyCode("USA")),
        java.util.Optional.of(dev.compact.agreements.MeetingLevel.SENIOR_OFFICIALS));
    Event unstated = new Event.ConsultationHeld(AT, RECORDED, new Event.ConsultationId("c1"), List.of(new PartyCode("USA")));

    EventCodec.Encoded encoded = codec.encode(senior);
    assertThat(codec.decode(encoded.type(), encoded.payload(), AT, RECORDED)).isEqualTo(senior);
    EventCodec.Encoded plain = codec.encode(unstated);
    assertThat(codec.decode(plain.type(), plain.payload(), AT, RECORDED)).isEqualTo(unstated);
  }
}
