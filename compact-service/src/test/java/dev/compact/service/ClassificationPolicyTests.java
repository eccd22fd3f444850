package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.access.Clearance;
import dev.compact.agreements.Classification;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassificationPolicyTests {
  static final Instant NOW = Instant.parse("2026-03-01T06:00:00Z");
  static final PartyCode UKR = new PartyCode("UKR");

  @Test
  void aRecordMadeAboutAClassifiedRecordIsClassifiedWithIt() {
    ClassificationPolicy policy = new ClassificationPolicy(ServiceAuthorizationIntegrationTests.compact());
    policy.remember(new Event.IncidentReported(NOW, NOW, new Event.IncidentId("r1"), Event.IncidentKind.ARMED_ATTACK, "UA-63", 4, UKR,
        List.of()), Classification.RESTRICTED);

    var marks = policy.mark(List.of(new Event.ConsultationRequested(NOW, NOW, new Event.ConsultationId("c1"), UKR,
        Optional.of(new Event.IncidentId("r1")))), Clearance.RESTRICTED, Classification.PUBLIC);

    assertThat(marks.marks()).containsExactly(Classification.RESTRICTED);
    assertThat(marks.classified()).isTrue();
  }

  @Test
  void anEventAboutARecordTheWriterMayNotSeeIsRefusedAsIfTheRecordDidNotExist() {
    ClassificationPolicy policy = new ClassificationPolicy(ServiceAuthorizationIntegrationTests.compact());
    policy.remember(new Event.IncidentReported(NOW, NOW, new Event.IncidentId("s1"), Event.IncidentKind.ARMED_ATTACK, "UA-63", 4, UKR,
        List.of()), Classification.SECRET);

    assertThatThrownBy(() -> policy.mark(List.of(new Event.IncidentVerified(NOW, NOW, new Event.IncidentId("s1"), UKR)), Clearance.RESTRICTED,
        Classification.PUBLIC)).isInstanceOf(NotFound.class).hasMessage("no incident 's1'");
    assertThatThrownBy(() -> policy.mark(List.of(new Event.IncidentVerified(NOW, NOW, new Event.IncidentId("s1"), UKR)), Clearance.RESTRICTED,
        Classification.RESTRICTED)).isInstanceOf(InvalidInput.class);
  }
}
