package dev.compact.sanctionsregister;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A sanctions package named on a list entry (a screening hit, an entry a list diff added or
 * removed): the package, its title and issuer, the designation that became the entry, and that
 * designation's state ({@code listed}, {@code lifted}, {@code reimposed}) as the issuer's listing
 * holds it. {@code inForceFor} names the guarantors for which the designation is in force on the
 * service's today (the issuer and the guarantors that adopted the package, each by its own acts),
 * {@code liftedBy} those that lifted it for themselves, and {@code inForce} is whether any guarantor
 * still applies it: the answer cannot tell whose law binds the reader, and "lifted" while a state
 * the reader answers to still applies the designation is the error a screening must not make
 * (docs/sanctions-lists.md, section 13).
 */
public record PackageRef(String id, String title, @Nullable String issuer, String designation, String state, boolean inForce,
    List<String> inForceFor, List<String> liftedBy) {
  public PackageRef {
    inForceFor = List.copyOf(inForceFor);
    liftedBy = List.copyOf(liftedBy);
  }
}
