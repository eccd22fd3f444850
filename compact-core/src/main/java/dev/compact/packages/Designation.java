package dev.compact.packages;

import java.util.Optional;

/**
 * A person, company, vessel or aircraft a package designates: its id within the package, a name, and,
 * when known, the list entry it became ({@code list}: the list source, e.g. {@code ofac}; {@code
 * entry}: the entry's id in that list, e.g. OFAC's ent_num), so that a screening hit on that entry and
 * a list diff that adds or removes it can name the package.
 */
public record Designation(String id, String name, Optional<String> list, Optional<String> entry) {
  public Designation {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a designation needs an id");
    }
    name = name == null ? "" : name.strip();
    list = list == null ? Optional.empty() : list;
    entry = entry == null ? Optional.empty() : entry;
    if (list.isPresent() != entry.isPresent()) {
      throw new IllegalArgumentException("designation " + id + ": give both 'list' and 'entry' to link it to a list entry, or neither");
    }
  }

  /** True when this designation became entry {@code entry} of list source {@code list}. */
  public boolean links(String list, String entry) {
    return this.list.filter(list::equals).isPresent() && this.entry.filter(entry::equals).isPresent();
  }
}
