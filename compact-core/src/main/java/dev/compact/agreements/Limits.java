package dev.compact.agreements;

import java.math.BigDecimal;

/**
 * Bounds on what a file may contain, shared by the agreement and the scenario readers, so that no
 * input, however mangled, can exhaust the stack, overflow a sum or take long to print.
 */
public final class Limits {
  private Limits() {}

  /** Deepest nesting of flow brackets ([ ] and { }) accepted in YAML. */
  public static final int MAX_FLOW_DEPTH = 64;

  /** Most digits before the decimal point of an amount: a quadrillion of any currency is far beyond any pledge. */
  public static final int MAX_INTEGER_DIGITS = 18;

  /** Most digits after the decimal point of an amount or a rate. */
  public static final int MAX_DECIMALS = 10;

  /** True when the number is within the bounds above, so it can be added, multiplied and printed cheaply. */
  public static boolean reasonable(BigDecimal number) {
    BigDecimal stripped = number.stripTrailingZeros();
    return stripped.precision() - stripped.scale() <= MAX_INTEGER_DIGITS && stripped.scale() <= MAX_DECIMALS;
  }

  /** The deepest nesting of flow brackets, skipping quoted text and comments. */
  public static int flowDepth(String text) {
    return nesting(text).flow();
  }

  /**
   * The deepest block nesting, by indentation steps of lines that open a nested entry. Block YAML
   * nested thousands deep exhausts the YAML reader's stack; this is counted first, cheaply. A text
   * clearly within the limit gets a small figure at once, not its exact depth.
   */
  public static int blockDepth(String text) {
    return nesting(text).block();
  }

  /** How deeply a YAML text nests: flow brackets ({@link #flowDepth}) and blocks ({@link #blockDepth}). */
  public record Nesting(int flow, int block) {}

  /**
   * Both depths, from one pass over the text (a second only for a text indented too deeply to rule
   * out at once): every clause block and front matter is measured before it is composed, so the
   * pass is part of the cost of reading every agreement (issue #17).
   */
  public static Nesting nesting(String text) {
    int depth = 0;
    int max = 0;
    char quote = 0;
    boolean comment = false;
    // Nesting n levels deep needs an indentation of at least n - 1 columns: most texts are ruled out in one pass.
    int widest = 0;
    int run = 0;
    boolean leading = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        comment = false;
        run = 0;
        leading = true;
        continue;
      }
      if (leading) {
        if (c == ' ' || c == '-') {
          widest = Math.max(widest, ++run);
        } else {
          leading = false;
        }
      }
      if (comment) {
        continue;
      }
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '"', '\'' -> quote = c;
        case '#' -> comment = i == 0 || Character.isWhitespace(text.charAt(i - 1));
        case '[', '{' -> max = Math.max(max, ++depth);
        case ']', '}' -> depth = Math.max(0, depth - 1);
        default -> {}
      }
    }
    return new Nesting(max, widest < MAX_BLOCK_DEPTH ? Math.min(widest + 1, 1) : exactBlockDepth(text));
  }

  private static int exactBlockDepth(String text) {
    int max = 0;
    java.util.ArrayDeque<Integer> indents = new java.util.ArrayDeque<>();
    for (String line : text.split("\n", -1)) {
      int indent = 0;
      while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '-')) {
        indent++;
      }
      if (indent == line.length() || line.charAt(indent) == '#') {
        continue;
      }
      while (!indents.isEmpty() && indents.peek() >= indent) {
        indents.pop();
      }
      indents.push(indent);
      max = Math.max(max, indents.size());
    }
    return max;
  }

  /** Deepest block nesting accepted in YAML. */
  public static final int MAX_BLOCK_DEPTH = 64;
}
