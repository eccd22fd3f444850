package dev.compact.scenarios;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Boundary;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Domain;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Money;
import dev.compact.engine.Event;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The parts of a scenario's events that say what support is given or decided: measures, exchange
 * rates, item lines and the clause or measure support counts against.
 */
record SupportReader(ScenarioNodes nodes) {

  /** The measures a consultation decides: each becomes an obligation with its own deadline. */
  List<Event.Measure> measures(Map<String, NodeTuple> f) {
    List<Event.Measure> measures = new ArrayList<>();
    for (Node node : nodes.list(f, "measures")) {
      Map<String, NodeTuple> m = nodes.fields(node, Set.of("id", "obligor", "action", "domain", "amount", "items", "within", "boundary"),
          "a measure");
      Optional<String> within = nodes.requiredText(m, "within", node);
      Optional<IsoDuration> duration = within.flatMap(IsoDuration::parse);
      if (within.isPresent() && duration.isEmpty()) {
        nodes.error(ScenarioNodes.value(m, "within"), IsoDuration.refusal(within.get()), "write e.g. PT72H or P30D");
      }
      Boundary boundary = m.containsKey("boundary") ? nodes.keyword(m, "boundary", node, Boundary.class) : Boundary.INCLUSIVE;
      measures.add(new Event.Measure(nodes.id(m, "id", node), nodes.party(m, "obligor", node), nodes.requiredText(m, "action", node).orElse(""),
          m.containsKey("domain") ? nodes.keyword(m, "domain", node, Domain.class) : Domain.MILITARY, nodes.money(m, "amount"), items(m),
          duration.orElse(IsoDuration.parse("PT1H").orElseThrow()), boundary));
    }
    return measures;
  }


  /**
   * The rate that converts {@code value} into the clause's currency. Zero is refused as the API
   * refuses it (it would count any value as nothing), and so is a rate into the value's own
   * currency, which the engine would ignore while the record showed it.
   */
  Optional<Event.ExchangeRate> rate(Map<String, NodeTuple> f, Optional<Money> value) {
    if (!f.containsKey("rate")) {
      return Optional.empty();
    }
    Node node = ScenarioNodes.value(f, "rate");
    Map<String, NodeTuple> r = nodes.fields(node, Set.of("currency", "rate"), "a rate");
    Optional<String> currency = nodes.requiredText(r, "currency", node);
    Optional<BigDecimal> rate = nodes.requiredText(r, "rate", node).flatMap(v -> nodes.number(v, ScenarioNodes.value(r, "rate")));
    if (currency.isEmpty() || rate.isEmpty()) {
      return Optional.empty();
    }
    if (rate.get().signum() == 0) {
      nodes.error(ScenarioNodes.value(r, "rate"), "a rate must be greater than zero", "write the units of " + currency.get()
          + " that one unit of the value's currency was worth");
      return Optional.empty();
    }
    if (value.isPresent() && value.get().currency().equals(currency.get())) {
      nodes.error(ScenarioNodes.value(r, "currency"), "the value is already in " + currency.get() + ", so there is nothing to convert",
          "leave 'rate' out, or give the rate into the clause's currency");
      return Optional.empty();
    }
    return Optional.of(new Event.ExchangeRate(nodes.checkedCurrency(currency.get(), ScenarioNodes.value(r, "currency")), rate.get()));
  }

  List<ItemLine> items(Map<String, NodeTuple> f) {
    List<ItemLine> items = new ArrayList<>();
    for (Node node : nodes.list(f, "items")) {
      Map<String, NodeTuple> i = nodes.fields(node, Set.of("item", "quantity"), "an item line");
      Optional<String> item = nodes.requiredText(i, "item", node);
      Optional<String> quantity = nodes.requiredText(i, "quantity", node);
      if (item.isPresent() && quantity.isPresent()) {
        try {
          long count = Long.parseLong(quantity.get().replace("_", ""));
          if (count <= 0 || count > 1_000_000_000_000L) {
            throw new NumberFormatException();
          }
          items.add(new ItemLine(item.get(), count));
        } catch (NumberFormatException e) {
          nodes.error(ScenarioNodes.value(i, "quantity"), "quantity must be a whole number from 1 to 1,000,000,000,000", null);
        }
      }
    }
    return items;
  }

  Optional<Event.Target> target(Map<String, NodeTuple> f, Node body) {
    if (f.containsKey("for") && f.containsKey("measure")) {
      nodes.error(body, "support counts against a clause ('for') or a measure ('measure'), not both", null);
      return Optional.empty();
    }
    if (f.containsKey("for")) {
      Node node = ScenarioNodes.value(f, "for");
      return nodes.scalar(node).flatMap(text -> {
        String[] parts = text.split("/");
        if (parts.length != 2) {
          nodes.error(node, "'for' must name agreement/clause, e.g. gbr-ukr-2024/gbr-mil-2024", null);
          return Optional.empty();
        }
        return Optional.of(new Event.Target.Clause(new AgreementId(parts[0]), new ClauseId(parts[1])));
      });
    }
    if (f.containsKey("measure")) {
      Node node = ScenarioNodes.value(f, "measure");
      return nodes.scalar(node).flatMap(text -> {
        String[] parts = text.split("/");
        if (parts.length != 2) {
          nodes.error(node, "'measure' must name consultation/measure, e.g. c1/air-defence", null);
          return Optional.empty();
        }
        return Optional.of(new Event.Target.Measure(new Event.ConsultationId(parts[0]), parts[1]));
      });
    }
    return Optional.empty();
  }
}
