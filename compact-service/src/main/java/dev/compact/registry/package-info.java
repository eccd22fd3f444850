/**
 * The sanctions register in the service: packages as legal acts, folded from the public sanctions
 * events of the log (docs/sanctions-lists.md, section 13), and what names a package: a screening hit
 * or a list diff on an entry a package designated.
 */
package dev.compact.registry;
