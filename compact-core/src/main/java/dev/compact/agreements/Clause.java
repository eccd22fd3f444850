package dev.compact.agreements;

/**
 * A numbered part of an agreement that carries a norm; its id is stable across versions. Its
 * classification says who may see its data (intelligence support, for one, is rarely public).
 */
public record Clause(ClauseId id, String title, Norm norm, SourcePosition position, Classification classification, String source,
    java.util.Optional<Territory> territory) {
  /** A clause that applies where its agreement does. */
  public Clause(ClauseId id, String title, Norm norm, SourcePosition position, Classification classification, String source) {
    this(id, title, norm, position, classification, source, java.util.Optional.empty());
  }

  public Clause(ClauseId id, String title, Norm norm, SourcePosition position) {
    this(id, title, norm, position, Classification.PUBLIC, "");
  }

  public Clause(ClauseId id, String title, Norm norm, SourcePosition position, Classification classification) {
    this(id, title, norm, position, classification, "");
  }

  public boolean isPublic() {
    return classification == Classification.PUBLIC;
  }
}
