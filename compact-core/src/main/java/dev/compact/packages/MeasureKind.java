package dev.compact.packages;

/**
 * The kinds of restrictive measure a package imposes: a closed set, so that packages of different
 * issuers can be compared; what fits none is {@link #OTHER}, with its text.
 */
public enum MeasureKind {
  /** Funds and economic resources frozen, none made available. */
  ASSET_FREEZE,
  /** Entry into or transit through the issuer's territory refused. */
  TRAVEL_BAN,
  /** Measures on a sector of the economy (finance, energy, defence, technology). */
  SECTORAL,
  /** Import or export bans and restrictions on goods and technology. */
  TRADE,
  /** Capital markets, payments, messaging systems (SWIFT, SPFS), transaction bans. */
  FINANCIAL,
  /** A ceiling on the price at which services for the aggressor's oil may be provided. */
  PRICE_CAP,
  /** Vessels, aircraft and ports: shadow-fleet listings, port access, overflight. */
  TRANSPORT,
  /** Anything else; the measure's text says what. */
  OTHER
}
