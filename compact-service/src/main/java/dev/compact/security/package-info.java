/**
 * Spring Security for every surface of the service: one filter chain each for the API, the
 * dashboard, the metrics and the API docs, with Compact's API tokens and the identity provider's
 * tokens as authentication providers, the protective headers, and the refusals as problem
 * documents. What an authenticated account may write is decided in the service layer.
 */
package dev.compact.security;
