package dev.compact.engine;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The canonical JSON form of an outcome: fixed key order, UTC instants, plain decimals, one
 * transition per line. Two runs over the same input give the same bytes; a test compares them.
 */
public final class Canonical {
  private Canonical() {}

  public static String json(Outcome outcome) {
    StringBuilder out = new StringBuilder("{\n\"clock\":");
    out.append(outcome.clock().map(c -> quote(Timestamps.format(c))).orElse("null"));
    out.append(",\n\"events\":").append(outcome.events());
    out.append(",\n\"halt\":").append(outcome.halt().map(h -> "{\"seq\":" + h.seq() + ",\"message\":" + quote(h.message()) + "}")
        .orElse("null"));
    out.append(",\n\"instances\":[");
    String separator = "\n";
    for (NormInstance instance : outcome.instances()) {
      out.append(separator).append('{');
      field(out, "id", quote(instance.id().key()), true);
      field(out, "kind", quote(instance.kind()), false);
      field(out, "state", quote(instance.state().keyword()), false);
      field(out, "activated", instance.activatedAt().map(t -> quote(Timestamps.format(t))).orElse("null"), false);
      field(out, "due", instance.due().map(t -> quote(Timestamps.format(t))).orElse("null"), false);
      field(out, "settled", instance.settledAt().map(t -> quote(Timestamps.format(t))).orElse("null"), false);
      field(out, "blocked_by", "[" + String.join(",", instance.blockedBy().stream().map(p -> quote(p.value())).toList()) + "]",
          false);
      field(out, "progress", instance.progress().map(Canonical::progress).orElse("null"), false);
      out.append('}');
      separator = ",\n";
    }
    out.append("\n],\n\"transitions\":[");
    separator = "\n";
    for (Transition transition : outcome.transitions()) {
      out.append(separator).append('{');
      field(out, "at", quote(Timestamps.format(transition.at())), true);
      field(out, "instance", quote(transition.instance().key()), false);
      field(out, "from", transition.from().map(s -> quote(s.keyword())).orElse("null"), false);
      field(out, "to", quote(transition.to().keyword()), false);
      field(out, "cause", quote(transition.cause().describe()), false);
      out.append('}');
      separator = ",\n";
    }
    out.append("\n],\n\"notices\":[");
    separator = "\n";
    for (Notice notice : outcome.notices()) {
      out.append(separator).append('{');
      field(out, "at", notice.at() == null ? "null" : quote(Timestamps.format(notice.at())), true);
      field(out, "seq", Long.toString(notice.seq()), false);
      field(out, "message", quote(notice.message()), false);
      out.append('}');
      separator = ",\n";
    }
    return out.append("\n]\n}\n").toString();
  }

  private static String progress(Progress progress) {
    StringBuilder out = new StringBuilder("{");
    field(out, "target", progress.target().map(m -> "{\"currency\":" + quote(m.currency()) + ",\"value\":" + decimal(m.value()) + "}")
        .orElse("null"), true);
    field(out, "delivered", decimal(progress.delivered()), false);
    field(out, "allocated", decimal(progress.allocated()), false);
    StringBuilder items = new StringBuilder("{");
    String separator = "";
    for (Map.Entry<String, Long> entry : progress.itemsDelivered().entrySet()) {
      items.append(separator).append(quote(entry.getKey())).append(':').append(entry.getValue());
      separator = ",";
    }
    field(out, "items_delivered", items.append('}').toString(), false);
    return out.append('}').toString();
  }

  private static String decimal(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  private static void field(StringBuilder out, String name, String value, boolean first) {
    if (!first) {
      out.append(',');
    }
    out.append('"').append(name).append("\":").append(value);
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
