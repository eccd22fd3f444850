/**
 * Sanctions list versions in the record: importing a version (its files kept content-addressed,
 * one event naming them by hash), the versions of each source, diffs between them, and the
 * screening indexes for the versions in force at a date. See docs/sanctions-lists.md, section 12.
 */
package dev.compact.lists;
