package dev.compact.agreements;

import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** YAML's null, as agreements and scenarios read it: a field written so is not given. */
public final class YamlNull {
  private YamlNull() {}

  /**
   * Whether a value is YAML's null: nothing after the colon, or a plain {@code ~}, {@code null},
   * {@code Null} or {@code NULL} (the YAML 1.2 core schema's forms). Every other YAML tool reads these
   * as "no value", so reading one as the text "null" or "~" would give the file a meaning its author's
   * editor and linters do not see. Quoted, they are text: {@code ""}, {@code "null"}, {@code '~'}.
   *
   * <p>The five spellings are compared directly rather than through snakeyaml-engine's core-schema
   * resolver: every field read asks this, and the resolver runs two or more regular expressions on
   * every plain value (four on a date or an amount), which cost the agreement benchmark several per
   * cent (issue #17). {@code MapReaderTests} checks that both agree.
   */
  public static boolean is(Node value) {
    return value instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN && isSpelling(scalar.getValue());
  }

  /** Whether a plain scalar's text is one of the YAML 1.2 core schema's spellings of null. */
  public static boolean isSpelling(String text) {
    return switch (text.length()) {
      case 0 -> true;
      case 1 -> text.charAt(0) == '~';
      case 4 -> text.equals("null") || text.equals("Null") || text.equals("NULL");
      default -> false;
    };
  }
}
