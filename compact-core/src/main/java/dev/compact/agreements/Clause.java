package dev.compact.agreements;

/** A numbered part of an agreement that carries a norm; its id is stable across versions. */
public record Clause(ClauseId id, String title, Norm norm, SourcePosition position) {}
