package dev.compact.agreements;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the fields of one YAML mapping into typed values, reporting each problem at the offending
 * node. It remembers which fields were asked for, so that {@link #finish} can name the rest as
 * unknown, with a suggestion when one is close.
 */
final class MapReader {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private final YamlSection section;
  private final MappingNode mapping;
  private final String what;
  /*
   * The fields in the order written (a duplicate and a key that is not a word left out), looked up
   * by a scan: a mapping here has a few fields, and a hash map per mapping (every clause block has
   * several) cost more to build than the scans it spares (issue #17). A mapping with many fields
   * (only a careless or hostile file has them) gets an index, so that reading stays linear.
   */
  private final String[] names;
  private final NodeTuple[] tuples;
  private final boolean[] read;
  private int size;
  private final @Nullable Map<String, Integer> index;
  /** Every key asked for, in the order asked, repeats included; see {@link #asked()}. */
  private final List<String> asked = new ArrayList<>();

  /** Above this many fields, a mapping is indexed rather than scanned. */
  private static final int SCANNED = 16;

  MapReader(YamlSection section, MappingNode mapping, String what) {
    this.section = section;
    this.mapping = mapping;
    this.what = what;
    List<NodeTuple> value = mapping.getValue();
    int count = value.size();
    names = new String[count];
    tuples = new NodeTuple[count];
    read = new boolean[count];
    index = count > SCANNED ? new HashMap<>(count * 2) : null;
    for (NodeTuple tuple : value) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        error(tuple.getKeyNode(), "field names in " + what + " must be plain words", null);
        continue;
      }
      String name = key.getValue();
      int first = find(name);
      if (first >= 0) {
        SourcePosition at = section.position(tuples[first].getKeyNode());
        error(key, "duplicate field '" + name + "' in " + what + " (first given at line " + at.line() + ")",
            "keep one of them");
        continue;
      }
      if (index != null) {
        index.put(name, size);
      }
      names[size] = name;
      tuples[size++] = tuple;
    }
  }

  /** Where the field is among {@link #names}, or -1. */
  private int find(String key) {
    if (index != null) {
      Integer at = index.get(key);
      return at == null ? -1 : at;
    }
    for (int i = 0; i < size; i++) {
      if (names[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** Notes that {@code key} was asked for, and gives its field, or null when the mapping has none. */
  private @Nullable NodeTuple ask(String key) {
    asked.add(key);
    int at = find(key);
    if (at < 0) {
      return null;
    }
    read[at] = true;
    return tuples[at];
  }

  /** The keys asked for, each once, in the order first asked. */
  private Set<String> asked() {
    return new LinkedHashSet<>(asked);
  }

  String what() {
    return what;
  }

  SourcePosition position() {
    return section.position(mapping);
  }

  YamlSection section() {
    return section;
  }

  MappingNode mapping() {
    return mapping;
  }

  /** Whether the field is given with a value: a field written with none counts as left out, as in {@link #node}. */
  boolean has(String key) {
    NodeTuple tuple = ask(key);
    return tuple != null && !isNull(tuple.getValueNode());
  }

  Optional<Node> node(String key, boolean required) {
    NodeTuple tuple = ask(key);
    if (tuple == null) {
      if (required) {
        section.diagnostics.error(position(), what + " is missing the required field '" + key + "'",
            "add a line '" + key + ": ...'");
      }
      return Optional.empty();
    }
    Node value = tuple.getValueNode();
    if (isNull(value)) {
      if (required) {
        error(tuple.getKeyNode(), "field '" + key + "' of " + what + " has no value", "give it a value after the colon");
      }
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** Whether a value is YAML's null; see {@link YamlNull}. */
  static boolean isNull(Node value) {
    return YamlNull.is(value);
  }

  /** Whether a plain scalar's text is one of the YAML 1.2 core schema's spellings of null. */
  static boolean isNullSpelling(String text) {
    return YamlNull.isSpelling(text);
  }

  Optional<String> text(String key, boolean required) {
    return node(key, required).flatMap(n -> scalar(n, key));
  }

  Optional<String> scalar(Node node, String key) {
    if (node instanceof ScalarNode scalar) {
      return Optional.of(scalar.getValue());
    }
    error(node, "field '" + key + "' of " + what + " must be a single value, not a " + shape(node),
        "write it on the same line as its name, e.g. '" + key + ": ...', without brackets or braces");
    return Optional.empty();
  }

  Optional<String> id(String key, boolean required) {
    return text(key, required).filter(value -> {
      if (Ids.valid(value)) {
        return true;
      }
      error(node(key, false).orElseThrow(), "'" + value + "' is not a valid id",
          "use lower-case letters, digits and hyphens, e.g. gbr-consult-24h");
      return false;
    });
  }

  Optional<LocalDate> date(String key, boolean required) {
    return node(key, required).flatMap(n -> date(n, key));
  }

  Optional<LocalDate> date(Node node, String key) {
    return scalar(node, key).flatMap(value -> {
      if (!isDateShape(value)) {
        error(node, "'" + value + "' is not a date", "write dates as YYYY-MM-DD, e.g. 2024-01-12");
        return Optional.empty();
      }
      try {
        // The shape is checked, so the fields are plain digits: LocalDate.of refuses a month or day
        // the calendar lacks exactly as a strict "uuuu-MM-dd" parse does, at a fraction of the cost
        // (every lifecycle date, period and schedule start passes here; issue #17).
        return Optional.of(LocalDate.of(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10)));
      } catch (DateTimeException e) {
        error(node, "'" + value + "' is not a real calendar date", "check the day and month, e.g. February has 28 or 29 days");
        return Optional.empty();
      }
    });
  }

  /** Whether the text is {@code dddd-dd-dd} with ASCII digits, as the pattern {@code \d{4}-\d{2}-\d{2}} matches. */
  static boolean isDateShape(String value) {
    if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      char c = value.charAt(i);
      if (i != 4 && i != 7 && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private static int digits(String text, int from, int to) {
    int number = 0;
    for (int i = from; i < to; i++) {
      number = number * 10 + (text.charAt(i) - '0');
    }
    return number;
  }

  Optional<Integer> integer(String key, boolean required, int min, int max) {
    return node(key, required).flatMap(n -> scalar(n, key).flatMap(value -> {
      try {
        int number = Integer.parseInt(value.replace("_", ""));
        if (number < min || number > max) {
          error(n, "'" + key + "' must be between " + min + " and " + max + ", not " + number, null);
          return Optional.empty();
        }
        return Optional.of(number);
      } catch (NumberFormatException e) {
        error(n, "'" + value + "' is not a whole number", "write '" + key + ": 10'");
        return Optional.empty();
      }
    }));
  }

  Optional<Long> count(Node node, String key) {
    return scalar(node, key).flatMap(value -> {
      try {
        long number = Long.parseLong(value.replace("_", "").replace(",", ""));
        if (number <= 0) {
          error(node, "'" + key + "' must be a positive whole number, not " + value, null);
          return Optional.empty();
        }
        return Optional.of(number);
      } catch (NumberFormatException e) {
        error(node, "'" + value + "' is not a whole number", "write e.g. '" + key + ": 120000'");
        return Optional.empty();
      }
    });
  }

  Optional<BigDecimal> positiveDecimal(Node node, String key) {
    return scalar(node, key).flatMap(value -> {
      try {
        BigDecimal number = new BigDecimal(value.replace("_", ""));
        if (number.signum() <= 0) {
          error(node, "'" + key + "' must be greater than zero, not " + value, null);
          return Optional.empty();
        }
        if (!Limits.reasonable(number)) {
          error(node, "'" + value + "' is out of range", "an amount has at most " + Limits.MAX_INTEGER_DIGITS + " digits before the point and "
              + Limits.MAX_DECIMALS + " after it");
          return Optional.empty();
        }
        return Optional.of(number);
      } catch (NumberFormatException e) {
        error(node, "'" + value + "' is not a number", "write the amount in full, e.g. 2500000000 (underscores allowed: 2_500_000_000)");
        return Optional.empty();
      }
    });
  }

  <E extends Enum<E>> Optional<E> keyword(String key, Class<E> type, boolean required) {
    return node(key, required).flatMap(n -> keyword(n, key, type));
  }

  <E extends Enum<E>> Optional<E> keyword(Node node, String key, Class<E> type) {
    return scalar(node, key).flatMap(value -> {
      Optional<E> parsed = Keywords.parse(type, value);
      if (parsed.isEmpty()) {
        error(node, "'" + value + "' is not a valid " + key, "use one of: " + Keywords.choices(type));
      }
      return parsed;
    });
  }

  Optional<PartyCode> party(String key, boolean required) {
    return node(key, required).flatMap(n -> party(n, key));
  }

  Optional<PartyCode> party(Node node, String key) {
    return scalar(node, key).flatMap(value -> {
      if (PartyCode.isKnown(value)) {
        return Optional.of(new PartyCode(value));
      }
      error(node, "unknown party '" + value + "'", partyHint(value));
      return Optional.empty();
    });
  }

  static String partyHint(String value) {
    if (value.length() == 2 && PartyCode.isKnown(alpha3(value))) {
      return "parties are ISO 3166-1 alpha-3 codes: did you mean " + alpha3(value) + "?";
    }
    return "use an ISO 3166-1 alpha-3 code (GBR, DEU, UKR) or one of " + String.join(", ", new java.util.TreeSet<>(PartyCode.ORGANISATIONS));
  }

  private static String alpha3(String alpha2) {
    try {
      return java.util.Locale.of("", alpha2.toUpperCase(java.util.Locale.ROOT)).getISO3Country();
    } catch (java.util.MissingResourceException e) {
      return alpha2;
    }
  }

  Optional<IsoDuration> duration(String key, boolean required) {
    return node(key, required).flatMap(n -> scalar(n, key).flatMap(value -> {
      Optional<IsoDuration> parsed = IsoDuration.parse(value);
      if (parsed.isEmpty()) {
        error(n, IsoDuration.refusal(value),
            "write e.g. PT24H (24 hours), P3D (3 days), P6M (6 months), P1Y (1 year)");
      }
      return parsed;
    }));
  }

  Optional<Money> money(Node node, String key, String... alsoAllowed) {
    if (!(node instanceof MappingNode map)) {
      error(node, "'" + key + "' must give a value and a currency", "write '" + key + ": {value: 2500000000, currency: GBP}'");
      return Optional.empty();
    }
    MapReader reader = section.reader(map, "'" + key + "'");
    for (String allowed : alsoAllowed) {
      reader.has(allowed); // read by the caller
    }
    Optional<BigDecimal> value = reader.node("value", true).flatMap(n -> reader.positiveDecimal(n, "value"));
    Optional<String> currency = reader.text("currency", true).filter(c -> {
      if (CURRENCY.matcher(c).matches()) {
        return true;
      }
      reader.error(reader.node("currency", false).orElseThrow(), "'" + c + "' is not an ISO 4217 currency code", "use three capital letters, e.g. EUR, GBP, USD");
      return false;
    });
    reader.finish(null);
    return value.flatMap(v -> currency.map(c -> new Money(v, c)));
  }

  Optional<MapReader> map(String key, boolean required) {
    return node(key, required).flatMap(n -> {
      if (n instanceof MappingNode map) {
        return Optional.of(section.reader(map, "'" + key + "'"));
      }
      error(n, "'" + key + "' must be a set of 'name: value' fields, not a " + shape(n), null);
      return Optional.empty();
    });
  }

  /** A list, or a single value read as a list of one (so "obligor: GBR" and "obligor: [GBR]" agree). */
  List<Node> list(String key, boolean required) {
    Optional<Node> node = node(key, required);
    if (node.isEmpty()) {
      return List.of();
    }
    if (node.get() instanceof SequenceNode sequence) {
      if (sequence.getValue().isEmpty() && required) {
        error(sequence, "'" + key + "' of " + what + " must not be empty", null);
      }
      return sequence.getValue();
    }
    return List.of(node.get());
  }

  Optional<MappingNode> asMap(Node node, String what) {
    if (node instanceof MappingNode map) {
      return Optional.of(map);
    }
    error(node, what + " must be a set of 'name: value' fields, not a " + shape(node), null);
    return Optional.empty();
  }

  /** Reports every field that was never asked for: a typo or a field that does not belong here. */
  void finish(@Nullable String hintForOthers) {
    Set<String> allowed = null;
    for (int i = 0; i < size; i++) {
      if (read[i]) {
        continue;
      }
      if (allowed == null) {
        allowed = asked();
      }
      String close = closest(names[i], allowed);
      String hint = close != null ? "did you mean '" + close + "'?" : hintForOthers != null ? hintForOthers : "allowed here: " + String.join(", ", allowed);
      error(tuples[i].getKeyNode(), "unknown field '" + names[i] + "' in " + what, hint);
    }
  }

  private static @Nullable String closest(String key, Set<String> allowed) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : allowed) {
      int distance = ConditionCompiler.editDistance(key, candidate);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return bestDistance <= 2 ? best : null;
  }

  void error(Node node, String message, @Nullable String hint) {
    section.diagnostics.error(section.position(node), message, hint);
  }

  void warning(Node node, String message, @Nullable String hint) {
    section.diagnostics.warning(section.position(node), message, hint);
  }

  static String shape(Node node) {
    return switch (node) {
      case MappingNode m -> "set of fields";
      case SequenceNode s -> "list";
      default -> "single value";
    };
  }

  /** The plain value of a field, read without reporting anything. */
  static Optional<String> peek(MappingNode node, String key) {
    for (NodeTuple tuple : node.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key) && tuple.getValueNode() instanceof ScalarNode v) {
        return Optional.of(v.getValue());
      }
    }
    return Optional.empty();
  }

  static List<String> keys(MappingNode node) {
    List<String> keys = new ArrayList<>();
    for (NodeTuple tuple : node.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar) {
        keys.add(scalar.getValue());
      }
    }
    return keys;
  }
}
