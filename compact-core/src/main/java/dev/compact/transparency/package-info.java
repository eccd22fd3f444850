/**
 * The record as a transparency log: an RFC 9162 Merkle tree over the events, its inclusion and
 * consistency proofs, and checkpoints (C2SP tlog-checkpoint) signed as C2SP signed notes and
 * cosigned by witnesses (C2SP tlog-cosignature). Pure: hashes and signatures over bytes it is given;
 * where the tree's nodes live is the caller's business ({@link NodeSource}).
 */
@NullMarked
package dev.compact.transparency;

import org.jspecify.annotations.NullMarked;
