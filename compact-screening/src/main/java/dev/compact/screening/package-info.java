/**
 * The screening matcher: normalises names (keeping the original script), generates candidates from
 * an immutable in-memory index and scores them by aligning name parts and weighing qualifiers.
 *
 * <p>Pure like the rest of the module: no clock, no network, no file system; every hit carries the
 * explanation needed to reproduce it from the list version and {@link
 * dev.compact.screening.Algorithm#ID}.
 */
package dev.compact.screening;
