package dev.compact.sanctions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One listed person, organisation, company, vessel or aircraft, immutable.
 *
 * <p>Lists are loaded once and read many times by the matcher, so every collection is an
 * unmodifiable copy and the order of names is the source's, primary name first.
 *
 * @param id the id within its list
 * @param schema what kind of thing it is
 * @param names all names, never empty, the first one {@link NameStrength#PRIMARY}
 * @param birthDates dates of birth (or of build, for vessels and aircraft when given), possibly
 *     several candidates
 * @param birthPlaces places of birth as published
 * @param countries countries with their relation to the entity, without duplicates
 * @param identifiers typed identifiers, without duplicates
 * @param gender gender when the source gives it
 * @param addresses addresses as published
 * @param programmes sanctions programmes ("SDGT", "UKRAINE-EO13662", UN "DRC")
 * @param titles titles, positions and designations ("General Director of ...")
 * @param linkedTo names of entities the source says this one is linked to
 * @param vessel vessel particulars, for vessels
 * @param listName the list it came from ("OFAC SDN")
 * @param listVersion SHA-256 (hex) of the source bytes of the list version it came from
 * @param listedOn date the entity was listed, when known
 * @param remarks free-text remarks the importers did not turn into fields
 */
public record SanctionedEntity(
    EntityId id,
    Schema schema,
    List<EntityName> names,
    List<PartialDate> birthDates,
    List<String> birthPlaces,
    List<CountryLink> countries,
    List<Identifier> identifiers,
    Optional<Gender> gender,
    List<Address> addresses,
    List<String> programmes,
    List<String> titles,
    List<String> linkedTo,
    Optional<VesselDetails> vessel,
    String listName,
    String listVersion,
    Optional<LocalDate> listedOn,
    List<String> remarks) {

  public SanctionedEntity {
    if (id == null || schema == null) {
      throw new IllegalArgumentException("an entity needs an id and a schema");
    }
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException("entity " + id + " has no name");
    }
    if (names.getFirst().strength() != NameStrength.PRIMARY) {
      throw new IllegalArgumentException("entity " + id + ": the first name must be primary");
    }
    names = List.copyOf(names);
    birthDates = List.copyOf(birthDates);
    birthPlaces = List.copyOf(birthPlaces);
    countries = List.copyOf(new LinkedHashSet<>(countries));
    identifiers = List.copyOf(new LinkedHashSet<>(identifiers));
    gender = gender == null ? Optional.empty() : gender;
    addresses = List.copyOf(addresses);
    programmes = List.copyOf(new LinkedHashSet<>(programmes));
    titles = List.copyOf(titles);
    linkedTo = List.copyOf(linkedTo);
    vessel = vessel == null ? Optional.empty() : vessel;
    listName = listName == null ? "" : listName;
    listVersion = listVersion == null ? "" : listVersion;
    listedOn = listedOn == null ? Optional.empty() : listedOn;
    remarks = List.copyOf(remarks);
  }

  /** A builder for an entity of the given id and schema, the way importers and tests make them. */
  public static Builder builder(String id, Schema schema) {
    return new Builder(new EntityId(id), schema);
  }

  /** The primary name (the first name). */
  public EntityName primaryName() {
    return names.getFirst();
  }

  /** Every country, whatever its role, in code order. */
  public Set<Country> allCountries() {
    Set<Country> all = new TreeSet<>();
    countries.forEach(link -> all.add(link.country()));
    return all;
  }

  /** The countries with the given role, in source order. */
  public List<Country> countries(CountryRole role) {
    return countries.stream().filter(c -> c.role() == role).map(CountryLink::country).toList();
  }

  /** The identifiers of the given type, in source order. */
  public List<Identifier> identifiers(IdentifierType type) {
    return identifiers.stream().filter(i -> i.type() == type).toList();
  }

  /** The same entity attributed to the given list version, used once a source's hash is known. */
  public SanctionedEntity withList(String name, String version) {
    return new SanctionedEntity(id, schema, names, birthDates, birthPlaces, countries, identifiers,
        gender, addresses, programmes, titles, linkedTo, vessel, name, version, listedOn, remarks);
  }

  /** Collects the fields of one entity while an importer reads them. Not thread-safe. */
  public static final class Builder {
    private final EntityId id;
    private final Schema schema;
    private final List<EntityName> names = new ArrayList<>();
    private final List<PartialDate> birthDates = new ArrayList<>();
    private final List<String> birthPlaces = new ArrayList<>();
    private final List<CountryLink> countries = new ArrayList<>();
    private final List<Identifier> identifiers = new ArrayList<>();
    private Gender gender;
    private final List<Address> addresses = new ArrayList<>();
    private final List<String> programmes = new ArrayList<>();
    private final List<String> titles = new ArrayList<>();
    private final List<String> linkedTo = new ArrayList<>();
    private VesselDetails vessel;
    private String listName = "";
    private String listVersion = "";
    private LocalDate listedOn;
    private final List<String> remarks = new ArrayList<>();

    private Builder(EntityId id, Schema schema) {
      this.id = id;
      this.schema = schema;
    }

    public EntityId id() {
      return id;
    }

    public Schema schema() {
      return schema;
    }

    /**
     * Adds a name. A primary name goes before any alias already added, so importers may meet the
     * names in any order; a second primary name is kept after the first.
     */
    public Builder name(EntityName name) {
      if (name.strength() == NameStrength.PRIMARY) {
        int at = 0;
        while (at < names.size() && names.get(at).strength() == NameStrength.PRIMARY) {
          at++;
        }
        names.add(at, name);
      } else {
        names.add(name);
      }
      return this;
    }

    public Builder name(String full, NameStrength strength) {
      return name(EntityName.of(full, strength));
    }

    public Builder birthDate(PartialDate date) {
      if (!birthDates.contains(date)) {
        birthDates.add(date);
      }
      return this;
    }

    public Builder birthPlace(String place) {
      if (place != null && !place.isBlank() && !birthPlaces.contains(place.strip())) {
        birthPlaces.add(place.strip());
      }
      return this;
    }

    public Builder country(Country country, CountryRole role) {
      countries.add(new CountryLink(country, role));
      return this;
    }

    public Builder identifier(Identifier identifier) {
      identifiers.add(identifier);
      return this;
    }

    public Builder gender(Gender gender) {
      this.gender = gender;
      return this;
    }

    public Builder address(Address address) {
      addresses.add(address);
      return this;
    }

    public Builder programme(String programme) {
      if (programme != null && !programme.isBlank()) {
        programmes.add(programme.strip());
      }
      return this;
    }

    public Builder title(String title) {
      if (title != null && !title.isBlank()) {
        titles.add(title.strip());
      }
      return this;
    }

    public Builder linkedTo(String name) {
      if (name != null && !name.isBlank()) {
        linkedTo.add(name.strip());
      }
      return this;
    }

    public Builder vessel(VesselDetails vessel) {
      this.vessel = vessel == null || vessel.isEmpty() ? null : vessel;
      return this;
    }

    public Builder list(String name, String version) {
      this.listName = name;
      this.listVersion = version;
      return this;
    }

    public Builder listedOn(LocalDate date) {
      this.listedOn = date;
      return this;
    }

    public Builder remark(String remark) {
      if (remark != null && !remark.isBlank()) {
        remarks.add(remark.strip());
      }
      return this;
    }

    public boolean hasPrimaryName() {
      return !names.isEmpty() && names.getFirst().strength() == NameStrength.PRIMARY;
    }

    public SanctionedEntity build() {
      return new SanctionedEntity(id, schema, names, birthDates, birthPlaces, countries,
          identifiers, Optional.ofNullable(gender), addresses, programmes, titles, linkedTo,
          Optional.ofNullable(vessel), listName, listVersion, Optional.ofNullable(listedOn),
          remarks);
    }
  }
}
