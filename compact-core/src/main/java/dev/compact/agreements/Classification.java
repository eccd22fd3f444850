package dev.compact.agreements;

/**
 * How widely a clause (or a record) may be shown. Public pages, open endpoints and exports show
 * only public ones; restricted ones need an account, secret ones the secretariat.
 */
public enum Classification {
  PUBLIC,
  RESTRICTED,
  SECRET
}
