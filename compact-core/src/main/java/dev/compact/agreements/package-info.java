/**
 * The agreement language: compacts and agreements written as Markdown with YAML front matter and
 * fenced {@code clause} blocks, parsed into an immutable model, validated with diagnostics a drafter
 * can act on, identified by a canonical hash and rendered to HTML or text.
 *
 * <p>Pure: no I/O, no clock. Files arrive as {@link dev.compact.agreements.SourceFile} values.
 */
@NullMarked
package dev.compact.agreements;

import org.jspecify.annotations.NullMarked;
