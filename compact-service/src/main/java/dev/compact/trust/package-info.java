/**
 * Trust: parties' Ed25519 keys and their signatures over agreement versions, so that anyone can
 * check who signed exactly which text.
 */
@NullMarked
package dev.compact.trust;

import org.jspecify.annotations.NullMarked;
