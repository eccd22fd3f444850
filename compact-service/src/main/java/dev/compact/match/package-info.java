/**
 * A match API in the shape OpenSanctions' yente answers ({@code POST /match/{dataset}}), over the
 * same screener as {@code /api/screen}, so that existing yente clients can use Compact. See
 * docs/screening.md, "yente-compatible matching".
 */
package dev.compact.match;
