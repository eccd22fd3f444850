/**
 * The guarantee engine: a pure fold of an ordered list of events over a compact into norm instances
 * (pending, active, fulfilled, breached, discharged, unmet, expired, suspended, terminated) and the
 * transitions between them, each with its cause.
 *
 * <p>No clock, no I/O, no threads. Time arrives in events; deadlines pass only when an event moves
 * time past them; ambiguous calendar arithmetic halts the fold instead of being guessed. The same
 * compact and events always give the same bytes through {@link dev.compact.engine.Canonical}.
 */
@NullMarked
package dev.compact.engine;

import org.jspecify.annotations.NullMarked;
