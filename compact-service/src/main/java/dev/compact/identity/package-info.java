/**
 * Who the caller is, when a deployment's identity provider says so: OpenID Connect bearer tokens
 * checked against the configured issuer and its published keys, and the explicit links from such
 * identities to Compact accounts. What an account may do stays with {@code dev.compact.access}.
 */
package dev.compact.identity;
