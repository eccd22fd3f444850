package dev.compact.sanctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed list in a compact binary form, so that a list already parsed once is read back in a
 * fraction of the time its CSV or XML takes: the {@link ListSnapshots} cache keeps these on disk.
 *
 * <p>The format, version {@value #FORMAT}: the magic bytes {@code CPLS}, the format version, the
 * cache key the snapshot was written for, the payload's length, the payload, and a SHA-256 of
 * everything before it. The payload is a table of the distinct strings (lists repeat programmes,
 * countries and list names thousands of times) followed by the list's fields, the notes its parse
 * gave and every entity, field by field, strings as indexes into the table and enums by name.
 *
 * <p>{@link #decode} returns nothing, rather than a list, when anything is off: another key, another
 * format version, a wrong length, a digest that does not match or a payload that does not decode
 * into valid records. The digest catches accidental damage (a torn write, a truncated or flipped
 * file); it is no signature, so whoever can write the cache folder can make it say anything.
 *
 * @param list the list as its importer parsed it
 * @param notes the notes the parse gave (rows it skipped...), replayed when the snapshot is read
 */
public record ListSnapshot(SanctionsList list, List<String> notes) {

  /** The format version; any change to the layout below changes it. */
  static final int FORMAT = 1;

  private static final byte[] MAGIC = {'C', 'P', 'L', 'S'};

  public ListSnapshot {
    notes = List.copyOf(notes);
  }

  /** The snapshot's bytes, written for {@code key}. */
  public byte[] encode(String key) {
    try {
      Strings strings = new Strings();
      ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
      DataOutputStream out = new DataOutputStream(body);
      writeList(out, strings);
      out.flush();
      ByteArrayOutputStream payload = new ByteArrayOutputStream(body.size() + (1 << 18));
      DataOutputStream p = new DataOutputStream(payload);
      p.writeInt(strings.table.size());
      for (String s : strings.table) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        p.writeInt(utf8.length);
        p.write(utf8);
      }
      body.writeTo(p);
      p.flush();

      return SnapshotFrame.wrap(MAGIC, FORMAT, key, payload.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }

  /**
   * The snapshot in {@code bytes}, or empty when they are not a whole, undamaged snapshot of this
   * format written for {@code key}.
   */
  public static Optional<ListSnapshot> decode(byte[] bytes, String key) {
    Optional<java.nio.ByteBuffer> payload = SnapshotFrame.unwrap(bytes, MAGIC, FORMAT, key);
    if (payload.isEmpty()) {
      return Optional.empty();
    }
    try {
      DataInputStream in = new DataInputStream(
          new ByteArrayInputStream(bytes, payload.get().position(), payload.get().remaining()));
      String[] table = new String[in.readInt()];
      for (int i = 0; i < table.length; i++) {
        table[i] = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
      }
      ListSnapshot snapshot = readList(in, table);
      return in.available() == 0 ? Optional.of(snapshot) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      // Past the digest only a snapshot forged with a matching digest gets here; refused all the same.
      return Optional.empty();
    }
  }

  /** The distinct strings of a snapshot, each written once and referred to by its index. */
  private static final class Strings {
    final List<String> table = new ArrayList<>();
    final Map<String, Integer> index = new HashMap<>();

    int of(String s) {
      return index.computeIfAbsent(s, k -> {
        table.add(k);
        return table.size() - 1;
      });
    }
  }

  private void writeList(DataOutputStream out, Strings s) throws IOException {
    out.writeInt(s.of(list.name()));
    out.writeInt(s.of(list.source()));
    out.writeInt(s.of(list.versionHash()));
    writeDate(out, list.issued());
    out.writeInt(notes.size());
    for (String note : notes) {
      out.writeInt(s.of(note));
    }
    out.writeInt(list.entities().size());
    for (SanctionedEntity e : list.entities()) {
      writeEntity(out, s, e);
    }
  }

  private static void writeEntity(DataOutputStream out, Strings s, SanctionedEntity e) throws IOException {
    out.writeInt(s.of(e.id().value()));
    out.writeInt(s.of(e.schema().name()));
    out.writeInt(e.names().size());
    for (EntityName n : e.names()) {
      out.writeInt(s.of(n.full()));
      out.writeInt(s.of(n.strength().name()));
      out.writeBoolean(n.originalScript());
      out.writeInt(n.parts().size());
      for (NamePart part : n.parts()) {
        out.writeInt(s.of(part.type().name()));
        out.writeInt(s.of(part.value()));
      }
    }
    out.writeInt(e.birthDates().size());
    for (PartialDate d : e.birthDates()) {
      out.writeShort(d.year());
      out.writeByte(d.month());
      out.writeByte(d.day());
      out.writeBoolean(d.approximate());
    }
    writeStrings(out, s, e.birthPlaces());
    out.writeInt(e.countries().size());
    for (CountryLink c : e.countries()) {
      out.writeInt(s.of(c.country().code()));
      out.writeInt(s.of(c.role().name()));
    }
    out.writeInt(e.identifiers().size());
    for (Identifier i : e.identifiers()) {
      out.writeInt(s.of(i.type().name()));
      out.writeInt(s.of(i.value()));
      writeCountry(out, s, i.country());
      out.writeInt(s.of(i.label()));
    }
    out.writeInt(e.gender().map(g -> s.of(g.name())).orElse(-1));
    out.writeInt(e.addresses().size());
    for (Address a : e.addresses()) {
      out.writeInt(s.of(a.text()));
      writeCountry(out, s, a.country());
    }
    writeStrings(out, s, e.programmes());
    writeStrings(out, s, e.titles());
    writeStrings(out, s, e.linkedTo());
    out.writeBoolean(e.vessel().isPresent());
    if (e.vessel().isPresent()) {
      VesselDetails v = e.vessel().get();
      out.writeInt(s.of(v.callSign()));
      out.writeInt(s.of(v.vesselType()));
      writeCountry(out, s, v.flag());
      out.writeInt(s.of(v.tonnage()));
      out.writeInt(s.of(v.grossRegisteredTonnage()));
      out.writeInt(s.of(v.owner()));
    }
    out.writeInt(s.of(e.listName()));
    out.writeInt(s.of(e.listVersion()));
    writeDate(out, e.listedOn());
    writeStrings(out, s, e.remarks());
  }

  private static void writeStrings(DataOutputStream out, Strings s, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      out.writeInt(s.of(v));
    }
  }

  private static void writeCountry(DataOutputStream out, Strings s, Optional<Country> country) throws IOException {
    out.writeInt(country.map(c -> s.of(c.code())).orElse(-1));
  }

  private static void writeDate(DataOutputStream out, Optional<LocalDate> date) throws IOException {
    out.writeBoolean(date.isPresent());
    if (date.isPresent()) {
      out.writeLong(date.get().toEpochDay());
    }
  }

  private static ListSnapshot readList(DataInputStream in, String[] t) throws IOException {
    String name = t[in.readInt()];
    String source = t[in.readInt()];
    String version = t[in.readInt()];
    Optional<LocalDate> issued = readDate(in);
    List<String> notes = readStrings(in, t);
    int count = in.readInt();
    List<SanctionedEntity> entities = new ArrayList<>(Math.min(count, 1 << 20));
    for (int i = 0; i < count; i++) {
      entities.add(readEntity(in, t));
    }
    return new ListSnapshot(new SanctionsList(name, source, version, issued, entities), notes);
  }

  private static SanctionedEntity readEntity(DataInputStream in, String[] t) throws IOException {
    EntityId id = new EntityId(t[in.readInt()]);
    Schema schema = Schema.valueOf(t[in.readInt()]);
    int nameCount = in.readInt();
    List<EntityName> names = new ArrayList<>(nameCount);
    for (int i = 0; i < nameCount; i++) {
      String full = t[in.readInt()];
      NameStrength strength = NameStrength.valueOf(t[in.readInt()]);
      boolean original = in.readBoolean();
      int partCount = in.readInt();
      List<NamePart> parts = new ArrayList<>(partCount);
      for (int k = 0; k < partCount; k++) {
        parts.add(new NamePart(NamePartType.valueOf(t[in.readInt()]), t[in.readInt()]));
      }
      names.add(new EntityName(full, strength, parts, original));
    }
    int dateCount = in.readInt();
    List<PartialDate> birthDates = new ArrayList<>(dateCount);
    for (int i = 0; i < dateCount; i++) {
      birthDates.add(new PartialDate(in.readShort(), in.readByte(), in.readByte(), in.readBoolean()));
    }
    List<String> birthPlaces = readStrings(in, t);
    int countryCount = in.readInt();
    List<CountryLink> countries = new ArrayList<>(countryCount);
    for (int i = 0; i < countryCount; i++) {
      countries.add(new CountryLink(new Country(t[in.readInt()]), CountryRole.valueOf(t[in.readInt()])));
    }
    int identifierCount = in.readInt();
    List<Identifier> identifiers = new ArrayList<>(identifierCount);
    for (int i = 0; i < identifierCount; i++) {
      IdentifierType type = IdentifierType.valueOf(t[in.readInt()]);
      String value = t[in.readInt()];
      identifiers.add(new Identifier(type, value, readCountry(in, t), t[in.readInt()]));
    }
    int gender = in.readInt();
    int addressCount = in.readInt();
    List<Address> addresses = new ArrayList<>(addressCount);
    for (int i = 0; i < addressCount; i++) {
      String text = t[in.readInt()];
      addresses.add(new Address(text, readCountry(in, t)));
    }
    List<String> programmes = readStrings(in, t);
    List<String> titles = readStrings(in, t);
    List<String> linkedTo = readStrings(in, t);
    Optional<VesselDetails> vessel = Optional.empty();
    if (in.readBoolean()) {
      String callSign = t[in.readInt()];
      String type = t[in.readInt()];
      Optional<Country> flag = readCountry(in, t);
      String tonnage = t[in.readInt()];
      String gross = t[in.readInt()];
      vessel = Optional.of(new VesselDetails(callSign, type, flag, tonnage, gross, t[in.readInt()]));
    }
    String listName = t[in.readInt()];
    String listVersion = t[in.readInt()];
    Optional<LocalDate> listedOn = readDate(in);
    List<String> remarks = readStrings(in, t);
    return new SanctionedEntity(id, schema, names, birthDates, birthPlaces, countries, identifiers,
        gender < 0 ? Optional.empty() : Optional.of(Gender.valueOf(t[gender])), addresses, programmes, titles,
        linkedTo, vessel, listName, listVersion, listedOn, remarks);
  }

  private static List<String> readStrings(DataInputStream in, String[] t) throws IOException {
    int n = in.readInt();
    List<String> values = new ArrayList<>(Math.min(n, 1 << 16));
    for (int i = 0; i < n; i++) {
      values.add(t[in.readInt()]);
    }
    return values;
  }

  private static Optional<Country> readCountry(DataInputStream in, String[] t) throws IOException {
    int code = in.readInt();
    return code < 0 ? Optional.empty() : Optional.of(new Country(t[code]));
  }

  private static Optional<LocalDate> readDate(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(LocalDate.ofEpochDay(in.readLong())) : Optional.empty();
  }
}
