package dev.compact.agreements;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A document as its syntax gives it, before any field is checked: the front matter composed into
 * YAML nodes, and the body's clause blocks (composed too) and quoting text, in text order. The
 * meaning is read afterwards by {@link DocumentReader}; a block's YAML problems are kept with the
 * block and reported when the reader reaches it, so that the diagnostics are those of one pass.
 */
record DocumentSyntax(String path, FrontMatter parts, YamlSection header, MappingNode front, List<BodyItem> body, List<String> conditions) {

  private static final Parser MARKDOWN = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

  /** A part of the body that the reader reports on, in text order. */
  sealed interface BodyItem {
    /** A {@code clause} block: where its fences are, and its YAML if it is closed. */
    record Block(int fenceLine, int lastLine, int fenceLength, int fenceIndent, boolean closed, Optional<MappingNode> node,
        List<Diagnostic> problems) implements BodyItem {}

    /** A fenced block whose type looks like a misspelt {@code clause}. */
    record Misnamed(int fenceLine, String info) implements BodyItem {}

    /** Text that may quote clause fields ({@code {{id.field}}}), and where it starts. */
    record Quoting(SourcePosition at, String literal) implements BodyItem {}
  }

  /**
   * Reads a file's syntax, or reports why it cannot be read at all (too large, no front matter,
   * front matter that is not a YAML mapping) and gives nothing.
   */
  static Optional<DocumentSyntax> read(SourceFile file, Diagnostics diagnostics) {
    return split(file, diagnostics).flatMap(text -> text.compose(diagnostics));
  }

  /**
   * Reads the syntax of many files, in their order: first every file's Markdown, then every file's
   * YAML. Each library's code runs over all the files in turn instead of the two taking turns on
   * every block, which measured cheaper on a compact of a thousand agreements (issue #17). The
   * diagnostics are those of {@link #read} on each file: a file reports either why it has no front
   * matter (at line 1, in the first stage) or its front matter's YAML problems (from line 2, in the
   * second), never both, and every list of diagnostics is sorted by file and position.
   */
  static List<Optional<DocumentSyntax>> readAll(List<SourceFile> files, Diagnostics diagnostics) {
    List<Optional<Split>> split = new ArrayList<>(files.size());
    for (SourceFile file : files) {
      split.add(split(file, diagnostics));
    }
    List<Optional<DocumentSyntax>> syntax = new ArrayList<>(files.size());
    for (Optional<Split> text : split) {
      syntax.add(text.flatMap(t -> t.compose(diagnostics)));
    }
    return syntax;
  }

  /** A file split into its front matter and its body's Markdown, before any YAML is composed. */
  private record Split(String path, FrontMatter parts, List<Fenced> body) {

    /** Composes the front matter and the clause blocks; empty when the front matter is not a YAML mapping. */
    Optional<DocumentSyntax> compose(Diagnostics diagnostics) {
      YamlSection header = new YamlSection(path, 2, 0, diagnostics);
      Optional<MappingNode> mapping = header.compose(parts.yaml(), "the front matter");
      if (mapping.isEmpty()) {
        return Optional.empty();
      }
      List<String> conditions = new ArrayList<>();
      endsWhen(mapping.get(), conditions);
      List<BodyItem> items = new ArrayList<>(body.size());
      for (Fenced fenced : body) {
        items.add(fenced.compose(path, conditions));
      }
      return Optional.of(new DocumentSyntax(path, parts, header, mapping.get(), List.copyOf(items), List.copyOf(conditions)));
    }
  }

  /** A body item as the Markdown gives it: a clause block's YAML is still text. */
  private sealed interface Fenced {
    BodyItem compose(String path, List<String> conditions);
  }

  /** A {@code clause} block before its YAML is composed. */
  private record ClauseText(int fenceLine, int lastLine, int fenceLength, int fenceIndent, boolean closed, String literal) implements Fenced {
    @Override
    public BodyItem compose(String path, List<String> conditions) {
      Diagnostics problems = new Diagnostics();
      Optional<MappingNode> node = closed
          ? new YamlSection(path, fenceLine + 1, fenceIndent, problems).compose(literal, "the clause block")
          : Optional.empty();
      node.ifPresent(fields -> {
        for (String field : CONDITION_FIELDS) {
          MapReader.peek(fields, field).ifPresent(conditions::add);
        }
      });
      return new BodyItem.Block(fenceLine, lastLine, fenceLength, fenceIndent, closed, node, problems.all());
    }
  }

  /** An item with no YAML: read whole from the Markdown. */
  private record Ready(BodyItem item) implements Fenced {
    @Override
    public BodyItem compose(String path, List<String> conditions) {
      return item;
    }
  }

  /** Checks a file's size and splits off its front matter, and parses its body's Markdown. */
  private static Optional<Split> split(SourceFile file, Diagnostics diagnostics) {
    String content = file.content();
    if (content.length() > AgreementParser.MAX_FILE_CHARS) {
      diagnostics.error(new SourcePosition(file.path(), 1, 1),
          "file is larger than " + AgreementParser.MAX_FILE_CHARS / 1_000_000 + " million characters",
          "split the agreement, or check that this is the right file");
      return Optional.empty();
    }
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1);
    }
    // Most files have no carriage return: one vectorised search answers that, where replace('\r', ...)
    // would walk the text one character at a time.
    if (content.indexOf('\r') >= 0) {
      content = content.replace("\r\n", "\n").replace('\r', '\n');
    }
    Optional<FrontMatter> frontMatter = FrontMatter.split(file.path(), content, diagnostics);
    if (frontMatter.isEmpty()) {
      return Optional.empty();
    }
    FrontMatter parts = frontMatter.get();
    return Optional.of(new Split(file.path(), parts, body(file.path(), parts)));
  }

  /** The fields that hold a condition in a clause block. */
  private static final List<String> CONDITION_FIELDS = List.of("trigger", "condition", "until");

  /**
   * Adds the condition texts of the front matter ({@code term.ends-when}) to {@code texts}. With each
   * clause block's trigger, condition and until, picked up as the block is composed, they are
   * {@link #conditions}: every condition text the document writes, so that a compact's conditions
   * can be checked together before its clauses are read. They are picked up while the nodes are
   * fresh in the processor's caches, not in a later pass over every file (issue #17). A text picked
   * up here that the reader does not use costs a check, nothing more.
   */
  private static void endsWhen(MappingNode front, List<String> texts) {
    value(front, "term").filter(MappingNode.class::isInstance).flatMap(term -> value((MappingNode) term, "ends-when"))
        .filter(SequenceNode.class::isInstance)
        .ifPresent(list -> ((SequenceNode) list).getValue().forEach(node -> {
          if (node instanceof ScalarNode scalar) {
            texts.add(scalar.getValue());
          }
        }));
  }

  private static Optional<Node> value(MappingNode map, String key) {
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return Optional.of(tuple.getValueNode());
      }
    }
    return Optional.empty();
  }

  private static List<Fenced> body(String path, FrontMatter parts) {
    List<Fenced> items = new ArrayList<>();
    MARKDOWN.parse(parts.body()).accept(new AbstractVisitor() {
      @Override
      public void visit(FencedCodeBlock block) {
        String info = block.getInfo() == null ? "" : block.getInfo().strip();
        int fenceLine = parts.bodyFirstLine() + firstLine(block);
        if (info.equals("clause")) {
          int lastLine = parts.bodyFirstLine() + lastLine(block);
          items.add(new ClauseText(fenceLine, lastLine, block.getFenceLength(), block.getFenceIndent(), block.getClosingFenceLength() != null,
              block.getLiteral()));
        } else if (!info.isEmpty() && ConditionCompiler.editDistance(info.split("\\s+")[0], "clause") <= 2) {
          items.add(new Ready(new BodyItem.Misnamed(fenceLine, info)));
        }
      }

      @Override
      public void visit(Text text) {
        String literal = text.getLiteral();
        if (literal.contains("{{")) {
          items.add(new Ready(new BodyItem.Quoting(position(path, parts, text), literal)));
        }
      }
    });
    return items;
  }

  private static SourcePosition position(String path, FrontMatter parts, org.commonmark.node.Node node) {
    List<SourceSpan> spans = node.getSourceSpans();
    if (spans.isEmpty()) {
      return new SourcePosition(path, parts.bodyFirstLine(), 1);
    }
    SourceSpan span = spans.getFirst();
    return new SourcePosition(path, parts.bodyFirstLine() + span.getLineIndex(), span.getColumnIndex() + 1);
  }

  private static int firstLine(org.commonmark.node.Node node) {
    return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().getFirst().getLineIndex();
  }

  private static int lastLine(org.commonmark.node.Node node) {
    return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().getLast().getLineIndex();
  }
}
