/**
 * The record as a transparency log served: the log's signing key (kept outside the database), a
 * checkpoint after each append and on a timer, proofs, and witnesses' cosignatures with the policy
 * that says when a checkpoint counts as witnessed. See docs/transparency.md.
 */
package dev.compact.log;
