package dev.compact.agreements;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A decision rule with its parameters: a qualified majority needs {@code threshold} (a share of the
 * guarantors, 0.5 to 1); unanimity may leave out named parties ({@code except}), as a text that
 * requires "unanimity of all guarantors other than the aggressor" does.
 */
public record DecisionRule(Decision rule, Optional<BigDecimal> threshold, List<PartyCode> except) {
  public DecisionRule {
    except = List.copyOf(except);
  }

  public static DecisionRule of(Decision rule) {
    return new DecisionRule(rule, Optional.empty(), List.of());
  }

  public String display() {
    return switch (rule) {
      case QUALIFIED_MAJORITY -> "qualified majority of " + threshold.map(t -> t.multiply(BigDecimal.valueOf(100)).stripTrailingZeros()
          .toPlainString() + "%").orElse("?") + " of the guarantors"
          + (except.isEmpty() ? "" : " other than " + String.join(", ", except.stream().map(PartyCode::value).toList()));
      case UNANIMITY -> except.isEmpty() ? "unanimity"
          : "unanimity of all guarantors except " + String.join(", ", except.stream().map(PartyCode::value).toList());
      default -> Keywords.of(rule);
    };
  }
}
