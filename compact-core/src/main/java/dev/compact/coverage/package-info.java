/**
 * Who is bound to what across a compact: the coverage matrix of parties against kinds of
 * commitment (consultations and their clock, pledges, sanctions, term, NATO provisions), and how
 * firm the source of each clause is. Pure: it reads a parsed {@link dev.compact.agreements.Compact}
 * and returns values that the command line and the dashboard print.
 */
@NullMarked
package dev.compact.coverage;

import org.jspecify.annotations.NullMarked;
