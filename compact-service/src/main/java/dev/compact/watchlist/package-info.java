/**
 * Ongoing monitoring: a compliance account's own watchlist of counterparties, re-screened
 * incrementally when a list version lands, with alerts, decisions and suppressed false positives.
 * See docs/screening.md, "Ongoing monitoring".
 */
package dev.compact.watchlist;
