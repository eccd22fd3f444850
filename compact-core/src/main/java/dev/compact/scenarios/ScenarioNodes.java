package dev.compact.scenarios;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Money;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.SourcePosition;
import dev.compact.agreements.YamlNull;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The YAML nodes of one scenario file read as typed values (text, parties, keywords, amounts,
 * dates), each problem recorded as a diagnostic at the node's line and column. The readers of
 * events, support and expectations share one instance, so a file's problems keep their order.
 */
final class ScenarioNodes {

  private final String path;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  ScenarioNodes(String path) {
    this.path = path;
  }

  /** The value of a field the caller has seen is there; its absence would be a bug here, not bad input. */
  static Node value(Map<String, NodeTuple> fields, String field) {
    NodeTuple tuple = fields.get(field);
    if (tuple == null) {
      throw new IllegalStateException("no field '" + field + "' here");
    }
    return tuple.getValueNode();
  }

  /** Every problem found so far, in the order found. */
  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  Optional<java.time.LocalDate> date(Map<String, NodeTuple> f, String field) {
    Optional<String> text = optionalText(f, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(java.time.LocalDate.parse(text.get()));
    } catch (java.time.format.DateTimeParseException e) {
      error(value(f, field), "'" + field + "' must be a date, YYYY-MM-DD, not '" + text.get() + "'", null);
      return Optional.empty();
    }
  }

  /** Only {@code true} and {@code false}: "no", "0" or "False" read as true would silently turn a fact around. */
  boolean bool(Map<String, NodeTuple> f, String field, boolean otherwise) {
    Optional<String> text = optionalText(f, field);
    if (text.isEmpty()) {
      return otherwise;
    }
    return switch (text.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        error(value(f, field), "'" + field + "' must be true or false, not '" + text.get() + "'", "write '" + field + ": false'");
        yield otherwise;
      }
    };
  }


  <E extends Enum<E>> Optional<E> optionalKeyword(Map<String, NodeTuple> f, String field, Node body, Class<E> type) {
    return f.containsKey(field) ? Optional.of(keyword(f, field, body, type)) : Optional.empty();
  }


  AgreementId agreement(Map<String, NodeTuple> f, Node body) {
    return new AgreementId(requiredText(f, "agreement", body).orElse("?"));
  }

  String id(Map<String, NodeTuple> f, String field, Node body) {
    return requiredText(f, field, body).orElse("?");
  }

  PartyCode party(Map<String, NodeTuple> f, String field, Node body) {
    Optional<String> code = requiredText(f, field, body);
    if (code.isEmpty()) {
      return new PartyCode("?");
    }
    return checkedParty(code.get(), value(f, field));
  }

  PartyCode checkedParty(String code, Node node) {
    if (!PartyCode.isKnown(code)) {
      error(node, "unknown party '" + code + "'", "use an ISO 3166-1 alpha-3 code such as UKR, or EU, NATO, UN, OSCE, G7, CE");
    }
    return new PartyCode(code);
  }

  List<PartyCode> parties(Map<String, NodeTuple> f, String field) {
    List<PartyCode> parties = new ArrayList<>();
    if (!f.containsKey(field)) {
      return parties;
    }
    Node node = value(f, field);
    if (!(node instanceof SequenceNode sequence)) {
      error(node, "'" + field + "' must be a list of party codes, e.g. [USA, GBR]", null);
      return parties;
    }
    for (Node item : sequence.getValue()) {
      scalar(item).ifPresent(code -> parties.add(checkedParty(code, item)));
    }
    return parties;
  }

  <E extends Enum<E>> E keyword(Map<String, NodeTuple> f, String field, Node body, Class<E> type) {
    Optional<String> text = requiredText(f, field, body);
    if (text.isEmpty()) {
      return type.getEnumConstants()[0];
    }
    Optional<E> value = Keywords.parse(type, text.get());
    if (value.isEmpty()) {
      error(value(f, field), "unknown " + field + " '" + text.get() + "'", "use one of: " + Keywords.choices(type));
      return type.getEnumConstants()[0];
    }
    return value.get();
  }


  Money requiredMoney(Map<String, NodeTuple> f, String field, Node body) {
    if (!f.containsKey(field)) {
      error(body, "'" + field + "' is required here", "e.g. " + field + ": USD 152000000000");
      return new Money(BigDecimal.ONE, "EUR");
    }
    return money(f, field).orElse(new Money(BigDecimal.ONE, "EUR"));
  }

  Optional<Money> money(Map<String, NodeTuple> f, String field) {
    if (!f.containsKey(field)) {
      return Optional.empty();
    }
    Node node = value(f, field);
    if (node instanceof MappingNode) {
      Map<String, NodeTuple> m = fields(node, Set.of("value", "currency"), "an amount");
      Optional<BigDecimal> value = requiredText(m, "value", node).flatMap(v -> number(v, value(m, "value")));
      Optional<String> currency = requiredText(m, "currency", node);
      if (value.isEmpty() || currency.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Money(value.get(), checkedCurrency(currency.get(), value(m, "currency"))));
    }
    return scalar(node).flatMap(text -> parseMoney(text, node));
  }

  Optional<Money> parseMoney(String text, Node node) {
    String[] parts = text.trim().split("\\s+", 2);
    if (parts.length != 2) {
      error(node, "'" + text + "' is not an amount", "write e.g. 'EUR 150000000' or {value: 150000000, currency: EUR}");
      return Optional.empty();
    }
    return number(parts[1], node).map(value -> new Money(value, checkedCurrency(parts[0], node)));
  }

  String checkedCurrency(String currency, Node node) {
    if (!currency.matches("[A-Z]{3}")) {
      error(node, "'" + currency + "' is not an ISO 4217 currency code", "write three capital letters, e.g. EUR");
    }
    return currency;
  }

  Optional<BigDecimal> number(String text, Node node) {
    try {
      BigDecimal value = new BigDecimal(text.replace("_", "").replace(",", ""));
      if (value.signum() < 0 || !dev.compact.agreements.Limits.reasonable(value)) {
        throw new NumberFormatException();
      }
      return Optional.of(value);
    } catch (NumberFormatException e) {
      error(node, "'" + text + "' is not a positive number of at most " + dev.compact.agreements.Limits.MAX_INTEGER_DIGITS + " digits", null);
      return Optional.empty();
    }
  }


  Map<String, NodeTuple> fields(Node node, Set<String> allowed, String what) {
    Map<String, NodeTuple> fields = new LinkedHashMap<>();
    // Every field written, null ones too, so that a field written twice is found whatever its values.
    Map<String, NodeTuple> written = new java.util.HashMap<>();
    if (!(node instanceof MappingNode mapping)) {
      error(node, what + " must be a set of 'name: value' fields", null);
      return fields;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Optional<String> key = scalar(tuple.getKeyNode());
      if (key.isEmpty()) {
        continue;
      }
      if (!allowed.contains(key.get())) {
        error(tuple.getKeyNode(), "unknown field '" + key.get() + "' in " + what,
            allowed.isEmpty() ? "this entry takes no fields" : "fields are: " + String.join(", ", allowed.stream().sorted().toList()));
        continue;
      }
      if (written.containsKey(key.get())) {
        error(tuple.getKeyNode(), "'" + key.get() + "' appears twice (first on line " + line(written.get(key.get()).getKeyNode()) + ")",
            null);
        continue;
      }
      written.put(key.get(), tuple);
      // YAML's null (nothing, ~, null) is "not given", as every YAML tool and the agreement reader
      // read it: never the text "~" or "null".
      if (!YamlNull.is(tuple.getValueNode())) {
        fields.put(key.get(), tuple);
      }
    }
    return fields;
  }

  List<Node> list(Map<String, NodeTuple> fields, String field) {
    if (!fields.containsKey(field)) {
      return List.of();
    }
    Node node = value(fields, field);
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    if (node instanceof ScalarNode s && s.getValue().isEmpty()) {
      return List.of();
    }
    error(node, "'" + field + "' must be a list (lines starting with '- ')", null);
    return List.of();
  }

  Optional<String> requiredText(Map<String, NodeTuple> fields, String field, Node owner) {
    if (!fields.containsKey(field)) {
      if (writtenEmpty(owner, field)) {
        error(owner, "field '" + field + "' has no value", "give it a value after the colon");
      } else {
        error(owner, "missing field '" + field + "'", null);
      }
      return Optional.empty();
    }
    Optional<String> text = scalar(value(fields, field));
    if (text.isPresent() && text.get().isBlank()) {
      error(value(fields, field), "'" + field + "' is empty", null);
      return Optional.empty();
    }
    return text;
  }

  /** Whether {@code owner} writes {@code field} with YAML's null as its value. */
  private static boolean writtenEmpty(Node owner, String field) {
    return owner instanceof MappingNode mapping && mapping.getValue().stream()
        .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(field) && YamlNull.is(t.getValueNode()));
  }

  Optional<String> optionalText(Map<String, NodeTuple> fields, String field) {
    if (!fields.containsKey(field)) {
      return Optional.empty();
    }
    return scalar(value(fields, field));
  }

  Optional<String> scalar(Node node) {
    if (node instanceof ScalarNode scalar) {
      return Optional.of(scalar.getValue());
    }
    error(node, "expected a single value here, not a list or a set of fields", null);
    return Optional.empty();
  }

  int errorCount() {
    return (int) diagnostics.stream().filter(Diagnostic::isError).count();
  }

  void error(Node node, String message, @Nullable String hint) {
    diagnostics.add(diagnostic(line(node), column(node), message, hint));
  }

  /** Reports a problem at a line and column that no node carries (the YAML reader's own marks). */
  void error(int line, int column, String message, @Nullable String hint) {
    diagnostics.add(diagnostic(line, column, message, hint));
  }

  private Diagnostic diagnostic(int line, int column, String message, @Nullable String hint) {
    return new Diagnostic(Diagnostic.Severity.ERROR, new SourcePosition(path, line, column), message, Optional.ofNullable(hint));
  }

  static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
  }

  private static int column(Node node) {
    return node.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
  }
}
