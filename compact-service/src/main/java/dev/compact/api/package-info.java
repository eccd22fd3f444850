/**
 * The REST API: JSON resources, RFC 9457 problem details for every error, an OpenAPI description.
 * Controllers are thin; the rules live in {@link dev.compact.service}.
 */
package dev.compact.api;
