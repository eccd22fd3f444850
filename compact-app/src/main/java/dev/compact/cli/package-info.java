/**
 * The {@code compact} command line: each command parses its options, calls the core or the service
 * and prints what it found, with file and line for bad input. Benchmarks ({@code compact bench ...})
 * live here too, as commands that compare builds side by side instead of timed tests.
 */
package dev.compact.cli;
