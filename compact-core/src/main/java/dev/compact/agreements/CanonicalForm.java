package dev.compact.agreements;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

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
    Utf8Digest out = new Utf8Digest();
    write(root, out);
    return new VersionHash(HexFormat.of().formatHex(out.digest()));
  }

  /**
   * The SHA-256 of bytes written piece by piece: the digest of everything written, in order,
   * without ever holding it whole (a few kilobytes per agreement). Short pieces are gathered in a
   * buffer, long ones go to the digest directly.
   */
  static final class Utf8Digest {
    private final MessageDigest sha;
    private final byte[] buffer = new byte[4096];
    private int size;

    /**
     * A digest never updated, copied for each agreement: looking SHA-256 up among the security
     * providers (and checking the algorithm constraints) costs about as much as hashing a short
     * agreement (issue #17). The copy starts from the same empty state as a new instance.
     */
    private static final MessageDigest EMPTY = sha256();

    Utf8Digest() {
      MessageDigest copy;
      try {
        copy = (MessageDigest) EMPTY.clone();
      } catch (CloneNotSupportedException e) {
        copy = sha256(); // a provider whose digests cannot be copied: look it up each time
      }
      sha = copy;
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }

    /** Writes an ASCII character. */
    void ascii(char c) {
      if (size == buffer.length) {
        flush();
      }
      buffer[size++] = (byte) c;
    }

    /** Writes {@code bytes} from {@code from} to {@code to} (exclusive). */
    void bytes(byte[] bytes, int from, int to) {
      int length = to - from;
      if (length > buffer.length - size) {
        flush();
        if (length > buffer.length / 2) {
          sha.update(bytes, from, length);
          return;
        }
      }
      System.arraycopy(bytes, from, buffer, size, length);
      size += length;
    }

    private void flush() {
      sha.update(buffer, 0, size);
      size = 0;
    }

    /** The digest of everything written. */
    byte[] digest() {
      flush();
      return sha.digest();
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
        // An item line's bound only when set, so that the hashes of versions written before it existed stay the same.
        data.put("items", IntStream.range(0, c.items().size()).mapToObj(n -> {
          ItemLine i = c.items().get(n);
          return (Object) (c.itemBound(n) == AmountBound.AT_LEAST
              ? Map.of("item", i.item(), "quantity", Long.toString(i.quantity()))
              : Map.of("item", i.item(), "quantity", Long.toString(i.quantity()), "bound", Keywords.of(c.itemBound(n))));
        }).toList());
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
        if (c.firmness() != CommitmentFirmness.HARD) {
          data.put("firmness", Keywords.of(c.firmness()));
        }
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

  /** Appends a line of {@code text} (from {@code from} to {@code to}) without its trailing white space, and a line feed. */
  static void appendStripped(StringBuilder out, String text, int from, int to) {
    int end = to;
    while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    out.append(text, from, end).append('\n');
  }

  /** The text without leading and trailing white space, as {@link String#strip} gives it. */
  static String strip(CharSequence text) {
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.subSequence(start, end).toString();
  }

  @SuppressWarnings("unchecked")
  private static void write(Object value, Utf8Digest out) {
    switch (value) {
      case Map<?, ?> map -> {
        out.ascii('{');
        boolean first = true;
        // Most maps here are already sorted by their keys' natural order; only the others are copied.
        Map<String, Object> sorted = map instanceof TreeMap<?, ?> tree && tree.comparator() == null
            ? (Map<String, Object>) map : new TreeMap<>((Map<String, Object>) map);
        for (Map.Entry<String, Object> entry : sorted.entrySet()) {
          if (!first) {
            out.ascii(',');
          }
          first = false;
          string(entry.getKey(), out);
          out.ascii(':');
          write(entry.getValue(), out);
        }
        out.ascii('}');
      }
      case List<?> list -> {
        out.ascii('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.ascii(',');
          }
          write(list.get(i), out);
        }
        out.ascii(']');
      }
      default -> string(value.toString(), out);
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * Writes {@code text} as a JSON string in UTF-8. The JDK encodes it ({@code getBytes}, much faster
   * than a loop over its characters; an unpaired surrogate becomes {@code ?}); every byte that needs
   * an escape is ASCII, and no byte of a multi-byte character is below 0x80, so escaping the bytes
   * escapes exactly the characters.
   */
  static void string(String text, Utf8Digest out) {
    out.ascii('"');
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int run = 0;
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (!escaped(b)) {
        continue;
      }
      // Plain runs go in at once: the text is mostly plain, and most of the bytes hashed.
      out.bytes(bytes, run, i);
      run = i + 1;
      out.ascii('\\');
      switch (b) {
        case '"' -> out.ascii('"');
        case '\\' -> out.ascii('\\');
        case '\n' -> out.ascii('n');
        default -> {
          out.ascii('u');
          out.ascii('0');
          out.ascii('0');
          out.ascii(HEX[b >> 4]);
          out.ascii(HEX[b & 0xf]);
        }
      }
    }
    out.bytes(bytes, run, bytes.length);
    out.ascii('"');
  }

  /** Whether a byte of UTF-8 is a character JSON escapes: a control character, a quote or a backslash (bytes above 0x7f are negative). */
  private static boolean escaped(byte b) {
    return b >= 0 && b < 0x20 || b == '"' || b == '\\';
  }
}
