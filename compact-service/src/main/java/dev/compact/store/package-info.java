/**
 * The durable record: an append-only, hash-chained event log in SQLite or PostgreSQL, with
 * optimistic concurrency per stream, idempotent appends and a verifier that names the first
 * altered, removed, inserted or reordered event.
 */
package dev.compact.store;
