package dev.compact.agreements;

import dev.cel.common.CelAbstractSyntaxTree;

/**
 * A CEL condition as the drafter wrote it, with its type-checked syntax tree. Compiled once at load,
 * so the engine never parses an expression while it folds events.
 */
public record Condition(String source, SourcePosition position, CelAbstractSyntaxTree ast) {
  @Override
  public boolean equals(Object other) {
    return other instanceof Condition c && c.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
