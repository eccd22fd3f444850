package dev.compact.agreements;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * A YAML document embedded in a file (front matter or a clause block), composed into nodes that
 * keep their marks, so that every diagnostic points at the right line of the whole file.
 */
final class YamlSection {
  private static final int MAX_YAML_CODE_POINTS = 1_000_000;
  private static final FailsafeSchema SCHEMA = new FailsafeSchema();

  final String path;
  private final int firstLine;
  private final int columnOffset;
  final Diagnostics diagnostics;

  /**
   * @param firstLine the 1-based file line of the section's first line
   * @param columnOffset columns to add to positions (indented fences)
   */
  YamlSection(String path, int firstLine, int columnOffset, Diagnostics diagnostics) {
    this.path = path;
    this.firstLine = firstLine;
    this.columnOffset = columnOffset;
    this.diagnostics = diagnostics;
  }

  /**
   * How every section is composed. Built once: the settings are immutable, and building them
   * constructs the default schema's resolver (its table of implicit types) only for the failsafe
   * schema to replace it, about 2% of reading an agreement when done per section (issue #17).
   * No label: positions are mapped to the file here ({@link #position}), never through a mark's name.
   */
  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setAllowDuplicateKeys(true) // reported by MapReader, with both positions
          .setMaxAliasesForCollections(10)
          .setCodePointLimit(MAX_YAML_CODE_POINTS)
          // The readers take every value as text and read its type themselves (a date, an amount,
          // a keyword), so no node's tag is ever looked at: the failsafe schema spares the default
          // schema's regular expressions on every plain value (issue #17). MapReader.isNull reads
          // the core schema's spellings of null itself.
          .setSchema(SCHEMA)
          .build();

  /** Composes the text into a mapping, reporting malformed YAML or a non-mapping document. */
  Optional<MappingNode> compose(String text, String what) {
    Limits.Nesting nesting = Limits.nesting(text);
    int depth = nesting.flow();
    if (depth > MAX_FLOW_DEPTH) {
      diagnostics.error(at(firstLine, 1), what + " nests brackets " + depth + " deep",
          "no field needs more than a few levels of [ ] or { }; check for a missing closing bracket");
      return Optional.empty();
    }
    int blocks = nesting.block();
    if (blocks > Limits.MAX_BLOCK_DEPTH) {
      diagnostics.error(at(firstLine, 1), what + " is nested " + blocks + " levels deep", "no field needs more than a few levels; flatten the structure");
      return Optional.empty();
    }
    try {
      Optional<Node> node = new Compose(SETTINGS).composeString(text);
      if (node.isEmpty()) {
        diagnostics.error(at(firstLine, 1), what + " is empty", "write the fields as 'name: value' lines");
        return Optional.empty();
      }
      if (node.get() instanceof MappingNode mapping) {
        return Optional.of(mapping);
      }
      diagnostics.error(position(node.get()), what + " must be a set of 'name: value' fields", null);
      return Optional.empty();
    } catch (MarkedYamlEngineException e) {
      SourcePosition at = e.getProblemMark().or(e::getContextMark).map(this::position).orElse(at(firstLine, 1));
      String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
      diagnostics.error(at, "malformed YAML in " + what + ": " + problem,
          "check indentation, colons after field names, and quotes around text containing ': ' or '#'");
      return Optional.empty();
    } catch (StackOverflowError e) {
      // Block nesting can still be deep enough to exhaust the stack; that is bad input, not a bug.
      diagnostics.error(at(firstLine, 1), what + " is nested too deeply", "flatten the structure");
      return Optional.empty();
    } catch (YamlEngineException e) {
      diagnostics.error(at(firstLine, 1), "malformed YAML in " + what + ": " + e.getMessage(), null);
      return Optional.empty();
    }
  }

  private static final int MAX_FLOW_DEPTH = Limits.MAX_FLOW_DEPTH;

  SourcePosition position(Node node) {
    return node.getStartMark().map(this::position).orElse(at(firstLine, 1));
  }

  private SourcePosition position(Mark mark) {
    return at(firstLine + mark.getLine(), mark.getColumn() + 1 + columnOffset);
  }

  SourcePosition at(int line, int column) {
    return new SourcePosition(path, line, column);
  }

  /** The file position of a 1-based line and column inside a scalar that starts at {@code node}. */
  SourcePosition within(Node node, int line, int column) {
    SourcePosition start = position(node);
    if (line == 1) {
      // Plain and quoted scalars start at the node mark; a quote adds one column.
      return at(start.line(), start.column() + column - 1);
    }
    return at(start.line() + line - 1, column);
  }

  MapReader reader(MappingNode node, String what) {
    return new MapReader(this, node, what);
  }
}
