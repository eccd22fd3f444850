/**
 * What clients ask the record to do, as commands, and the pure decision that turns a command and
 * the time the record takes it into the engine's events. The service's command handler is the only
 * caller: it adds stream naming, permissions, classification, idempotency and expected versions.
 *
 * <p>No clock and no I/O: the time arrives as an argument, taken by the service under the append's lock.
 */
@NullMarked
package dev.compact.commands;

import org.jspecify.annotations.NullMarked;
