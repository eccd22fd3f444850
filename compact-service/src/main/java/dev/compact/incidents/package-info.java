/**
 * Incidents as the record holds them: reported with evidence, then verified or rejected by the
 * secretariat, each row cleared by its classification. The engine turns a verified incident into a
 * trigger; this package is what readers see of it.
 */
@NullMarked
package dev.compact.incidents;

import org.jspecify.annotations.NullMarked;
