/**
 * Who may do what: accounts with party-scoped roles, API tokens stored only as hashes, and the
 * policy that decides, per event, whether an account may record it.
 */
package dev.compact.access;
