/**
 * Reads compact folders and agreement files from disk into {@link dev.compact.agreements.SourceFile}
 * values. The only place outside the shells where the core touches files, kept apart so that the
 * language and the engine stay pure.
 */
@NullMarked
package dev.compact.sources;

import org.jspecify.annotations.NullMarked;
