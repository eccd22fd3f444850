package dev.compact.screening;

import dev.compact.sanctions.SanctionedEntity;

/**
 * A listed entity found for a query.
 *
 * @param entity the listed entity
 * @param score from 0 to 1; ranks hits, it is not a probability
 * @param decision what the score calls for
 * @param explanation why
 */
public record Hit(SanctionedEntity entity, double score, Decision decision,
    Explanation explanation) {}
