package dev.compact.agreements;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form of an agreement version: its normalised data and text, written with sorted
 * keys. Parties sign its hash. YAML formatting, key order and quoting do not change it; any change
 * of meaning or wording does.
 */
final class CanonicalForm {
  /** Bumped when the canonical form itself changes, so old and new hashes are never confused. */
  static final String VERSION = "compact-agreement/1";

  private CanonicalForm() {}

  static VersionHash hash(Map<String, Object> header, List<Clause> clauses, String canonicalBody) {
    Map<String, Object> root = new TreeMap<>();
    root.put("format", VERSION);
    root.put("header", header);
    List<Object> clauseData = new ArrayList<>();
    for (Clause clause : clauses) {
      clauseData.add(clause(clause));
    }
    root.put("clauses", clauseData);
    root.put("text", canonicalBody);
    StringBuilder out = new StringBuilder();
    write(root, out);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(out.toString().getBytes(StandardCharsets.UTF_8));
      return new VersionHash(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Map<String, Object> clause(Clause clause) {
    Map<String, Object> data = new TreeMap<>();
    data.put("id", clause.id().value());
    data.put("title", clause.title());
    data.put("norm", Keywords.of(clause.norm().kind()));
    data.put("obligor", clause.norm().obligor().stream().map(Object::toString).toList());
    data.put("domain", Keywords.of(clause.norm().domain()));
    if (!clause.source().isEmpty()) {
      data.put("source", clause.source());
    }
    clause.territory().ifPresent(t -> data.put("territory", Map.of("description", t.description(), "includes", t.includes(),
        "excludes", t.excludes())));
    if (!clause.isPublic()) {
      // Only when set, so that the hashes of versions written before classification existed stay the same.
      data.put("classification", Keywords.of(clause.classification()));
    }
    switch (clause.norm()) {
      case Norm.Commitment c -> {
        data.put("beneficiary", c.beneficiary().value());
        c.amount().ifPresent(m -> data.put("amount", money(m)));
        data.put("items", c.items().stream().map(i -> (Object) Map.of("item", i.item(), "quantity", Long.toString(i.quantity()))).toList());
        c.period().ifPresent(p -> data.put("period", Map.of("start", p.start().toString(), "end", p.end().toString())));
        c.schedule().ifPresent(s -> {
          Map<String, Object> schedule = new TreeMap<>();
          schedule.put("start", s.start().toString());
          schedule.put("every", s.every().text());
          schedule.put("count", Integer.toString(s.count()));
          s.amountPerPeriod().ifPresent(m -> schedule.put("amount", money(m)));
          data.put("schedule", schedule);
        });
        data.put("description", c.description());
        // Only what v2 adds and the clause states, so v1 hashes stay the same.
        if (c.bound() != AmountBound.AT_LEAST) {
          data.put("bound", Keywords.of(c.bound()));
        }
        c.maximum().ifPresent(m -> data.put("maximum", money(m)));
        if (!c.scope().isEmpty()) {
          data.put("scope", c.scope().stream().map(Keywords::of).toList());
        }
        if (!c.subjectTo().isEmpty()) {
          data.put("subject-to", c.subjectTo().stream().map(Keywords::of).toList());
        }
        c.gdpShare().ifPresent(s -> data.put("share-of-gdp", Map.of("percent", s.percent().stripTrailingZeros().toPlainString(),
            "year", Integer.toString(s.year()))));
        c.partOf().ifPresent(p -> data.put("part-of", p.value()));
      }
      case Norm.Obligation o -> {
        data.put("beneficiary", o.beneficiary().value());
        data.put("trigger", o.trigger().source().strip());
        data.put("action", o.action());
        o.deadline().ifPresent(d -> data.put("deadline",
            d.firmness() == Firmness.HARD
                ? Map.of("within", d.within().text(), "from", Keywords.of(d.from()), "boundary", Keywords.of(d.boundary()))
                : Map.of("within", d.within().text(), "from", Keywords.of(d.from()), "boundary", Keywords.of(d.boundary()),
                    "firmness", Keywords.of(d.firmness()))));
        data.put("fulfilled-by", Keywords.of(o.fulfilledBy()));
        o.decisionRule().ifPresent(d -> {
          if (d.threshold().isEmpty() && d.except().isEmpty()) {
            data.put("decision", Keywords.of(d.rule()));
          } else {
            Map<String, Object> rule = new TreeMap<>();
            rule.put("rule", Keywords.of(d.rule()));
            d.threshold().ifPresent(t -> rule.put("threshold", t.stripTrailingZeros().toPlainString()));
            rule.put("except", d.except().stream().map(PartyCode::value).toList());
            data.put("decision", rule);
          }
        });
        o.remedy().ifPresent(r -> data.put("remedy", r.value()));
        o.meetingLevel().ifPresent(l -> data.put("meeting-level", Keywords.of(l)));
      }
      case Norm.Power p -> {
        data.put("action", Keywords.of(p.action()));
        p.condition().ifPresent(c -> data.put("condition", c.source().strip()));
        p.notice().ifPresent(n -> data.put("notice", n.text()));
      }
      case Norm.Prohibition p -> {
        data.put("action", Keywords.of(p.action()));
        data.put("until", p.until().source().strip());
        data.put("description", p.description());
        p.cap().ifPresent(c -> data.put("cap", Map.of("quantity", Long.toString(c.quantity()), "unit", c.unit())));
      }
    }
    return data;
  }

  static Map<String, Object> money(Money money) {
    return Map.of("value", money.value().stripTrailingZeros().toPlainString(), "currency", money.currency());
  }

  /** Line endings as LF, trailing spaces dropped, no trailing blank lines: invisible edits do not count. */
  static String normaliseText(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.stripTrailing()).append('\n');
    }
    return out.toString().strip();
  }

  @SuppressWarnings("unchecked")
  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        // Most maps here are already sorted by their keys' natural order; only the others are copied.
        Map<String, Object> sorted = map instanceof TreeMap<?, ?> tree && tree.comparator() == null
            ? (Map<String, Object>) map : new TreeMap<>((Map<String, Object>) map);
        for (Map.Entry<String, Object> entry : sorted.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(entry.getKey(), out);
          out.append(':');
          write(entry.getValue(), out);
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out);
        }
        out.append(']');
      }
      default -> string(value.toString(), out);
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!escaped(c)) {
        continue;
      }
      // Plain runs go in at once: the text is mostly plain, and most of the bytes hashed.
      out.append(text, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(String.format("\\u%04x", (int) c));
      }
    }
    out.append(text, run, text.length());
    out.append('"');
  }

  private static boolean escaped(char c) {
    return c < 0x20 || c == '"' || c == '\\';
  }
}
