package dev.compact.agreements;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Reads a document's body from its syntax, in text order: each clause block into a clause, each
 * {@code {{id.field}}} into a reference to check once every clause is known, and the canonical text
 * that the version hash covers.
 */
final class BodyReader {

  /** A field reference found in the text, and where. */
  record Reference(String clause, String field, SourcePosition position) {}

  /** The clauses read, the references found, the text as hashed, and the parser that knows which clauses failed. */
  record Body(List<Clause> clauses, List<Reference> references, String canonicalText, ClauseParser clauseParser) {}

  private final DocumentSyntax syntax;
  private final Diagnostics diagnostics;

  BodyReader(DocumentSyntax syntax, Diagnostics diagnostics) {
    this.syntax = syntax;
    this.diagnostics = diagnostics;
  }

  Body read(ClauseParser.Context context) {
    String path = syntax.path();
    List<Clause> clauses = new ArrayList<>();
    List<Reference> references = new ArrayList<>();
    Map<String, Integer> clauseLines = new HashMap<>();
    List<int[]> clauseBlockLines = new ArrayList<>();
    ClauseParser clauseParser = new ClauseParser(context);
    for (DocumentSyntax.BodyItem item : syntax.body()) {
      switch (item) {
        case DocumentSyntax.BodyItem.Block block -> {
          int fenceLine = block.fenceLine();
          clauseBlockLines.add(new int[] {fenceLine, block.lastLine()});
          if (!block.closed()) {
            diagnostics.error(new SourcePosition(path, fenceLine, 1), "this clause block is never closed",
                "end it with a line of " + block.fenceLength() + " backticks");
            continue;
          }
          if (clauses.size() >= AgreementParser.MAX_CLAUSES) {
            diagnostics.error(new SourcePosition(path, fenceLine, 1), "more than " + AgreementParser.MAX_CLAUSES + " clauses in one file",
                "split the agreement");
            continue;
          }
          diagnostics.addAll(block.problems());
          YamlSection section = new YamlSection(path, fenceLine + 1, block.fenceIndent(), diagnostics);
          block.node().flatMap(node -> clauseParser.parse(section, node, fenceLine)).ifPresent(clause -> {
            Integer first = clauseLines.putIfAbsent(clause.id().value(), fenceLine);
            if (first != null) {
              diagnostics.error(new SourcePosition(path, fenceLine + 1, 1), "duplicate clause id '" + clause.id() + "' (first used at line " + first + ")",
                  "give every clause its own id; ids must stay stable across versions");
            } else {
              clauses.add(clause);
            }
          });
        }
        case DocumentSyntax.BodyItem.Misnamed misnamed ->
            diagnostics.error(new SourcePosition(path, misnamed.fenceLine(), 1), "'" + misnamed.info() + "' is not a block type",
                "did you mean 'clause'?");
        case DocumentSyntax.BodyItem.Quoting quoting -> {
          String literal = quoting.literal();
          SourcePosition at = quoting.at();
          Matcher matcher = AgreementParser.REFERENCE.matcher(literal);
          int consumed = 0;
          while (matcher.find()) {
            checkStray(literal.substring(consumed, matcher.start()), at, consumed);
            references.add(new Reference(matcher.group(1), matcher.group(2), shift(at, matcher.start())));
            consumed = matcher.end();
          }
          checkStray(literal.substring(consumed), at, consumed);
        }
      }
    }
    return new Body(clauses, references, canonicalText(clauseBlockLines, clauses), clauseParser);
  }

  private void checkStray(String fragment, SourcePosition at, int offset) {
    int open = fragment.indexOf("{{");
    if (open >= 0) {
      diagnostics.error(shift(at, offset + open), "a field reference is not closed or not of the form {{clause-id.field}}",
          "write e.g. {{gbr-mil-2024.amount}}");
    }
  }

  private static SourcePosition shift(SourcePosition at, int columns) {
    return new SourcePosition(at.path(), at.line(), at.column() + columns);
  }

  /**
   * The text with each clause block reduced to its id (the block's data is hashed in normalised form
   * instead), normalised so that invisible edits do not count: trailing white space dropped from every
   * line, and from the start and end of the text (line endings are already LF).
   */
  private String canonicalText(List<int[]> blocks, List<Clause> clauses) {
    FrontMatter parts = syntax.parts();
    String body = parts.body();
    Map<Integer, String> idAtLine = new HashMap<>();
    clauses.forEach(c -> idAtLine.put(c.position().line(), c.id().value()));
    StringBuilder out = new StringBuilder(body.length());
    int blockIndex = 0;
    int fileLine = parts.bodyFirstLine();
    int start = 0;
    while (start >= 0) {
      int end = body.indexOf('\n', start);
      int next = end < 0 ? -1 : end + 1;
      if (blockIndex < blocks.size() && fileLine == blocks.get(blockIndex)[0]) {
        out.append("[clause ").append(idAtLine.getOrDefault(fileLine, "?")).append("]\n");
        // The block's other lines are left out.
        for (int skip = blocks.get(blockIndex)[1] - blocks.get(blockIndex)[0]; skip > 0 && next >= 0; skip--) {
          int after = body.indexOf('\n', next);
          next = after < 0 ? -1 : after + 1;
          fileLine++;
        }
        blockIndex++;
      } else {
        CanonicalForm.appendStripped(out, body, start, end < 0 ? body.length() : end);
      }
      start = next;
      fileLine++;
    }
    return CanonicalForm.strip(out);
  }
}
