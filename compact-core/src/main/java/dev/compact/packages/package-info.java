/**
 * Sanctions packages as legal acts: what a package is (its issuing party, title, legal acts, dates,
 * measures and designations, each fact with its source) and the register folded from the acts on
 * packages and designations (proposed, adopted, blocked, eased, lifted, re-imposed). Pure: the date a
 * package is in force on is always an argument. The engine's sanctions lock reads the same acts.
 */
@NullMarked
package dev.compact.packages;

import org.jspecify.annotations.NullMarked;
