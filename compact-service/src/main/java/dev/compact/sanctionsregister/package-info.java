/**
 * The sanctions mechanism in the service: packages as legal acts folded from the public sanctions
 * events of the log, and the sanctions list versions in the record (files kept content-addressed,
 * one event naming them by hash, diffs between versions, the screening indexes of the versions in
 * force at a date). See docs/sanctions-lists.md, sections 12 and 13; the list parsers and the
 * package model are in {@code dev.compact.sanctions} and {@code dev.compact.packages}, hence the name.
 */
@NullMarked
package dev.compact.sanctionsregister;

import org.jspecify.annotations.NullMarked;
