package dev.compact.access;

import dev.compact.agreements.PartyCode;
import java.util.Optional;

/** A role an account holds; desks are scoped to one party. Written {@code secretariat}, {@code guarantor:GBR}, ... */
public sealed interface Role {

  /** Manages compacts and agreements, verifies or rejects incidents. */
  record Secretariat() implements Role {}

  /** Records one guarantor's allocations and deliveries, attends consultations and decides measures as it, signs as it. */
  record GuarantorDesk(PartyCode party) implements Role {}

  /** Reports incidents and requests consultations for the protected state. */
  record ProtectedDesk(PartyCode party) implements Role {}

  /** Reads what is public. */
  record Observer() implements Role {}

  /**
   * Reads the service's operational metrics (for a Prometheus scraper) and nothing else: the request
   * counts there would tell the public how many classified records were written.
   */
  record Monitor() implements Role {}

  /**
   * Keeps a watchlist of its own counterparties and decides the alerts raised on them; nobody else,
   * the secretariat included, sees that watchlist or its alerts.
   */
  record Compliance() implements Role {}

  static Optional<Role> parse(String text) {
    String[] parts = text.strip().split(":", 2);
    return switch (parts[0]) {
      case "secretariat" -> parts.length == 1 ? Optional.of(new Secretariat()) : Optional.empty();
      case "observer" -> parts.length == 1 ? Optional.of(new Observer()) : Optional.empty();
      case "monitor" -> parts.length == 1 ? Optional.of(new Monitor()) : Optional.empty();
      case "compliance" -> parts.length == 1 ? Optional.of(new Compliance()) : Optional.empty();
      case "guarantor" -> party(parts).map(GuarantorDesk::new);
      case "protected" -> party(parts).map(ProtectedDesk::new);
      default -> Optional.empty();
    };
  }

  private static Optional<PartyCode> party(String[] parts) {
    return parts.length == 2 && PartyCode.isKnown(parts[1]) ? Optional.of(new PartyCode(parts[1])) : Optional.empty();
  }

  static String format(Role role) {
    return switch (role) {
      case Secretariat s -> "secretariat";
      case Observer o -> "observer";
      case Monitor m -> "monitor";
      case Compliance c -> "compliance";
      case GuarantorDesk g -> "guarantor:" + g.party();
      case ProtectedDesk p -> "protected:" + p.party();
    };
  }
}
