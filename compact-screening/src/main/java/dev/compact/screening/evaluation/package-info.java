/**
 * Measures the matcher on labelled data: name pairs, listed positives and unlisted negatives. The
 * data is read from a Reader handed in; where it lives (outside the repository, for licence
 * reasons) is the caller's concern.
 */
package dev.compact.screening.evaluation;
