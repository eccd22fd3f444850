package dev.compact.sanctionsregister;

import org.jspecify.annotations.Nullable;

/**
 * A sanctions package named on a list entry (a screening hit, an entry a list diff added or
 * removed): the package, its title and issuer, the designation that became the entry, and that
 * designation's state ({@code listed}, {@code lifted}, {@code reimposed}).
 */
public record PackageRef(String id, String title, @Nullable String issuer, String designation, String state) {}
