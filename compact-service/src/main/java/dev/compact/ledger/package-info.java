/**
 * The support ledger: allocations and deliveries as recorded, in their original currency with exact
 * decimal amounts and the rate used. Commitments are norms of the agreements; this package holds what
 * was actually earmarked and handed over against them.
 */
@NullMarked
package dev.compact.ledger;

import org.jspecify.annotations.NullMarked;
