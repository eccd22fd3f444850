package dev.compact.access;

import java.util.Set;

/**
 * Who is acting: an authenticated account with its roles, or the service itself (its clock, its
 * demo history), which the write policy does not restrict.
 */
public record Actor(String name, Set<Role> roles, boolean system) {
  public Actor {
    roles = Set.copyOf(roles);
  }

  public static Actor of(Accounts.Account account) {
    return new Actor(account.name(), account.roles(), false);
  }

  public static Actor system(String name) {
    return new Actor(name, Set.of(), true);
  }
}
