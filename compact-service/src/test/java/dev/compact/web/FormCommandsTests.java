package dev.compact.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.agreements.PartyCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's incident form must carry what the API carries: without the attacker, a clause that
 * binds only on an attack by the declared aggressor (the US agreement's) could never arise from a
 * report made in the dashboard.
 */
class FormCommandsTests {

  @Test
  void anIncidentReportedInTheFormNamesItsAttacker() {
    var command = FormCommands.incident("kharkiv-1", "armed-attack", "UA-63", 4, "UKR", " RUS ", "Reuters", "", "");

    assertThat(command.attacker()).contains(new PartyCode("RUS"));
  }

  @Test
  void anIncidentWhoseAttackerIsNotKnownNamesNone() {
    var command = FormCommands.incident("kharkiv-1", "armed-attack", "UA-63", 4, "UKR", "", "Reuters", "", "");

    assertThat(command.attacker()).isEqualTo(Optional.empty());
  }

  @Test
  void anUnknownAttackerIsRefusedWithTheFieldNamed() {
    assertThatThrownBy(() -> FormCommands.incident("kharkiv-1", "armed-attack", "UA-63", 4, "UKR", "XXX", "Reuters", "", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'attacker'");
  }
}
