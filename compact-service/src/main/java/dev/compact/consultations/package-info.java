/**
 * Consultations as the record holds them: requested by a party (often about an incident), held with
 * the parties that attended, and the measures they decided, which the engine turns into obligations.
 * This package is what readers see of them.
 */
@NullMarked
package dev.compact.consultations;

import org.jspecify.annotations.NullMarked;
