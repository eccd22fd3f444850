/**
 * The cache folder's snapshots of built screening indexes: the shell around {@link
 * dev.compact.screening.IndexSnapshot}, which turns an index into bytes and back without touching
 * a file. Kept out of {@code dev.compact.screening}, which reads no files, and out of {@code
 * dev.compact.sanctions}, which knows nothing of matching; the list snapshots it sits beside are
 * {@link dev.compact.sanctions.ListSnapshots}.
 */
package dev.compact.snapshots;
