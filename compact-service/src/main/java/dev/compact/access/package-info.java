/**
 * Who may do what: accounts with party-scoped roles, API tokens stored only as hashes, passwords
 * and dashboard sessions over the same accounts, and the policy that decides, per event, whether
 * an account may record it.
 */
package dev.compact.access;
