/**
 * Scenarios: stories told in events against a compact, with expectations at points in time and
 * invariants, read from YAML with file and line for every problem. Runs them on the engine, explains
 * a run as a timeline, and compares two drafts by how they behave on the same stories.
 *
 * <p>Pure like the engine: files arrive as {@link dev.compact.agreements.SourceFile} values.
 */
@NullMarked
package dev.compact.scenarios;

import org.jspecify.annotations.NullMarked;
