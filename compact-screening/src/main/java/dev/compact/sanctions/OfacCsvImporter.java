package dev.compact.sanctions;

import dev.compact.sanctions.CsvRecords.CsvRecord;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads OFAC's legacy CSV files: the SDN list ({@code sdn.csv}, {@code alt.csv}, {@code add.csv},
 * {@code sdn_comments.csv}) or the consolidated non-SDN list ({@code cons_prim.csv} and siblings).
 *
 * <p>The files have no header and write {@code -0-} for an empty field; the main file's Remarks
 * column is cut at 1000 characters and continues in the comments file. Rows of the side files that
 * refer to no entry are ignored and reported as notes, because OFAC's own releases contain them.
 */
public final class OfacCsvImporter {

  /** The list name for the SDN list. */
  public static final String SDN_LIST = "OFAC SDN";
  /** The list name for the consolidated non-SDN list. */
  public static final String CONSOLIDATED_LIST = "OFAC Consolidated (non-SDN)";

  private static final String NULL = "-0-";
  private static final Pattern PROGRAMME_SEPARATOR = Pattern.compile("\\]\\s*\\[");
  private static final String SDN_COLUMNS =
      "ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag,"
          + " Vess_owner, Remarks";

  private OfacCsvImporter() {}

  /**
   * Loads a directory holding {@code sdn.csv} (required) and {@code alt.csv}, {@code add.csv},
   * {@code sdn_comments.csv}, or the {@code cons_*.csv} files of the consolidated list.
   */
  public static SanctionsList loadDirectory(Path dir) {
    return loadDirectory(dir, note -> {});
  }

  /** As {@link #loadDirectory(Path)}, passing notes about ignored rows to {@code notes}. */
  public static SanctionsList loadDirectory(Path dir, Consumer<String> notes) {
    return release(dir).read(notes);
  }

  /**
   * The files of one release, read into memory but not parsed yet.
   *
   * @param listName the list name to give the entities
   * @param origin where the files came from, for reports
   */
  record Release(String listName, String origin, SourceBytes main, Optional<SourceBytes> alt,
      Optional<SourceBytes> add, Optional<SourceBytes> comments) {

    /** Every file present, main file first. */
    List<SourceBytes> files() {
      List<SourceBytes> all = new ArrayList<>(List.of(main));
      alt.ifPresent(all::add);
      add.ifPresent(all::add);
      comments.ifPresent(all::add);
      return all;
    }

    SanctionsList read(Consumer<String> notes) {
      return read(false, notes);
    }

    /** As {@link #read(Consumer)}; with {@code allowStaleSideRows}, see {@link OfacCsvImporter#read(String, String, SourceBytes, Optional, Optional, Optional, boolean, Consumer)}. */
    SanctionsList read(boolean allowStaleSideRows, Consumer<String> notes) {
      return OfacCsvImporter.read(listName, origin, main, alt, add, comments, allowStaleSideRows, notes);
    }
  }

  /** Reads the files of the release in {@code dir}; a missing main file is a {@link ListFormatException}. */
  static Release release(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ListFormatException(dir.toString(), 0, "is not a directory of OFAC CSV files");
    }
    boolean consolidated = !Files.exists(dir.resolve("sdn.csv")) && Files.exists(dir.resolve("cons_prim.csv"));
    String main = consolidated ? "cons_prim.csv" : "sdn.csv";
    String prefix = consolidated ? "cons_" : "";
    String comments = consolidated ? "cons_comments.csv" : "sdn_comments.csv";
    if (!Files.exists(dir.resolve(main))) {
      throw new ListFormatException(dir.toString(), 0, "holds neither sdn.csv nor cons_prim.csv");
    }
    return new Release(
        consolidated ? CONSOLIDATED_LIST : SDN_LIST,
        dir.toString(),
        SourceBytes.read(dir.resolve(main)),
        optional(dir.resolve(prefix + "alt.csv")),
        optional(dir.resolve(prefix + "add.csv")),
        optional(dir.resolve(comments)));
  }

  /**
   * Reads a release from streams already opened by the caller.
   *
   * @param listName the list name to give the entities ({@link #SDN_LIST})
   * @param sdn the main file ({@code sdn.csv})
   * @param alt aliases, or null
   * @param add addresses, or null
   * @param comments the Remarks overflow, or null
   */
  public static SanctionsList read(
      String listName,
      InputStream sdn,
      InputStream alt,
      InputStream add,
      InputStream comments) {
    return read(listName, "streams", SourceBytes.read("sdn.csv", sdn),
        Optional.ofNullable(alt).map(in -> SourceBytes.read("alt.csv", in)),
        Optional.ofNullable(add).map(in -> SourceBytes.read("add.csv", in)),
        Optional.ofNullable(comments).map(in -> SourceBytes.read("sdn_comments.csv", in)),
        note -> {});
  }

  private static Optional<SourceBytes> optional(Path path) {
    return Files.exists(path) ? Optional.of(SourceBytes.read(path)) : Optional.empty();
  }

  static SanctionsList read(
      String listName,
      String origin,
      SourceBytes main,
      Optional<SourceBytes> alt,
      Optional<SourceBytes> add,
      Optional<SourceBytes> comments,
      Consumer<String> notes) {
    return read(listName, origin, main, alt, add, comments, false, notes);
  }

  /**
   * Reads a release. With {@code allowStaleSideRows}, alias or address rows naming an entry after the
   * main file's last are read as stale rows (ignored, with a note) instead of refusing the main file as
   * cut short: for a release known to be whole that carries such rows. If the main file was in fact cut
   * short, its lost entries are then missing from the list without an error.
   */
  static SanctionsList read(
      String listName,
      String origin,
      SourceBytes main,
      Optional<SourceBytes> alt,
      Optional<SourceBytes> add,
      Optional<SourceBytes> comments,
      boolean allowStaleSideRows,
      Consumer<String> notes) {
    List<SourceBytes> all = new ArrayList<>(List.of(main));
    alt.ifPresent(all::add);
    add.ifPresent(all::add);
    comments.ifPresent(all::add);
    String version = SourceBytes.sha256(all.toArray(SourceBytes[]::new));

    // Parse every file before building anything, so that a bad side file loads nothing.
    List<CsvRecord> mainRows = rows(main, 12, SDN_COLUMNS);
    List<CsvRecord> altRows =
        alt.map(f -> rows(f, 5, "ent_num, alt_num, alt_type, alt_name, alt_remarks")).orElse(List.of());
    List<CsvRecord> addRows =
        add.map(f -> rows(f, 6, "ent_num, add_num, address, city/state/zip, country, add_remarks"))
            .orElse(List.of());
    List<CsvRecord> commentRows =
        comments.map(f -> rows(f, 2, "ent_num, remarks continued")).orElse(List.of());

    Map<String, String> overflow = new HashMap<>();
    int orphanComments = 0;
    Map<String, CsvRecord> byId = new LinkedHashMap<>();
    for (CsvRecord row : mainRows) {
      String id = entNum(main.name(), row);
      if (byId.put(id, row) != null) {
        throw new ListFormatException(main.name(), row.line(), "ent_num " + id + " appears twice");
      }
    }
    for (SourceBytes file : all) {
      endsInsideTheEmptyMarker(file, notes);
    }
    cutShort(main, mainRows, alt, altRows, allowStaleSideRows, notes);
    cutShort(main, mainRows, add, addRows, allowStaleSideRows, notes);
    for (CsvRecord row : commentRows) {
      String id = entNum(comments.get().name(), row);
      if (!byId.containsKey(id)) {
        orphanComments++;
        continue;
      }
      overflow.merge(id, value(row.get(1)), String::concat);
    }

    Map<String, SanctionedEntity.Builder> builders = new LinkedHashMap<>();
    for (CsvRecord row : mainRows) {
      builders.put(row.get(0).strip(), entity(main.name(), row, overflow.getOrDefault(row.get(0).strip(), "")));
    }
    int orphanAliases = 0;
    for (CsvRecord row : altRows) {
      SanctionedEntity.Builder b = builders.get(entNum(alt.get().name(), row));
      String name = value(row.get(3));
      if (b == null) {
        orphanAliases++;
      } else if (!name.isEmpty()) {
        b.name(name(name, NameStrength.ALIAS, b.schema()));
      }
    }
    int orphanAddresses = 0;
    for (CsvRecord row : addRows) {
      SanctionedEntity.Builder b = builders.get(entNum(add.get().name(), row));
      if (b == null) {
        orphanAddresses++;
        continue;
      }
      address(row).ifPresent(a -> {
        b.address(a);
        a.country().ifPresent(c -> b.country(c, CountryRole.RESIDENCE));
      });
      b.remark(value(row.get(5)));
    }
    report(notes, orphanAliases, alt, "aliases");
    report(notes, orphanAddresses, add, "addresses");
    report(notes, orphanComments, comments, "remarks");

    List<SanctionedEntity> entities = new ArrayList<>(builders.size());
    for (SanctionedEntity.Builder b : builders.values()) {
      entities.add(b.list(listName, version).build());
    }
    return new SanctionsList(listName, origin, version, Optional.empty(), entities);
  }

  /**
   * Refuses a main file that ends before its release does. OFAC's CSV carries no count or trailer,
   * but a release's files are one snapshot: the alias and address rows name entries of the main file,
   * which lists them by ascending ent_num. A main file cut short, at a row boundary or inside a row
   * that still parses, loses its last entries, and the side files then name entries after its last
   * one. (The comment file is not used: OFAC's own 2019 release has nine comment rows beyond its last
   * entry.) A cut side file, or a main file whose lost entries had neither alias nor address, is not
   * caught here. With {@code allowStaleSideRows} such rows are only noted: the user has said the
   * release is whole (its hashes checked against the ones published) and the rows are OFAC's own.
   */
  private static void cutShort(SourceBytes main, List<CsvRecord> mainRows, Optional<SourceBytes> side, List<CsvRecord> sideRows,
      boolean allowStaleSideRows, Consumer<String> notes) {
    if (side.isEmpty()) {
      return;
    }
    long lastLine = mainRows.isEmpty() ? 0 : mainRows.getLast().line();
    long lastEntry = mainRows.stream().mapToLong(r -> Long.parseLong(r.get(0).strip())).max().orElse(-1);
    String ends = lastEntry < 0 ? "holds no entry" : "ends at entry " + lastEntry;
    CsvRecord first = null;
    int after = 0;
    for (CsvRecord row : sideRows) {
      long entry = Long.parseLong(entNum(side.get().name(), row));
      if (entry > lastEntry) {
        if (!allowStaleSideRows) {
          throw new ListFormatException(main.name(), lastLine, ends + ", but " + side.get().fileName() + ":" + row.line() + " names entry "
              + entry + " after it: the file looks cut short (a release's side files name only its own entries); check it against the"
              + " one published. If it is whole and the rows are stale, " + ALLOW_STALE_SIDE_ROWS + " reads them as stale and ignores"
              + " them; if the file was cut short, that loses its last entries without an error (over the API: "
              + ALLOW_STALE_SIDE_ROWS_API + ")");
        }
        first = first == null ? row : first;
        after++;
      }
    }
    if (first != null) {
      notes.accept(main.fileName() + " " + ends + ", but " + after + " row(s) of " + side.get().fileName() + " (the first at line "
          + first.line() + ") name entries after it: read as stale and ignored (" + ALLOW_STALE_SIDE_ROWS + "); if " + main.fileName()
          + " was cut short, its last entries are missing from this list");
    }
  }

  /** The option, of the commands that read OFAC files, that accepts side rows naming entries after the main file's last. */
  public static final String ALLOW_STALE_SIDE_ROWS = "--allow-stale-side-rows";

  /** The same, as the query parameter of the service's list import ({@code POST /api/lists/ofac/versions}). */
  public static final String ALLOW_STALE_SIDE_ROWS_API = "allowStaleSideRows=true";

  /**
   * Says when a file's last field is {@code -0} or {@code -}: OFAC writes no other unquoted text than
   * its empty marker {@code -0-}, so the file ends inside one. It is a note, not an error, because
   * nothing in the file tells a cut there from a file written so (the 2019 release in the shared
   * folder ends exactly so, in add.csv); the value is read as written.
   */
  private static void endsInsideTheEmptyMarker(SourceBytes file, Consumer<String> notes) {
    // On the bytes, not the decoded text: the tail is ASCII in both encodings OFAC uses.
    byte[] bytes = file.bytes();
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t' || bytes[end - 1] == '\r' || bytes[end - 1] == '\n'
        || bytes[end - 1] == 0x1A)) {
      end--;
    }
    int start = end;
    while (start > 0 && bytes[start - 1] != ',' && end - start < 3) {
      start--;
    }
    String tail = new String(bytes, start, end - start, StandardCharsets.US_ASCII).strip();
    if (start > 0 && bytes[start - 1] == ',' && (tail.equals("-0") || tail.equals("-"))) {
      notes.accept(file.fileName() + " ends in '" + tail + "', inside OFAC's empty marker '-0-': it was cut there or written"
          + " so, and any rows after it are lost; compare its hash with the one published");
    }
  }

  private static void report(Consumer<String> notes, int count, Optional<SourceBytes> file, String what) {
    if (count > 0) {
      notes.accept(count + " rows of " + file.get().fileName() + " refer to no entry of the main file;"
          + " their " + what + " were ignored");
    }
  }

  private static List<CsvRecord> rows(SourceBytes file, int columns, String columnNames) {
    List<CsvRecord> rows = CsvRecords.parse(file.name(), file.text(), ',');
    for (CsvRecord row : rows) {
      if (row.size() != columns) {
        throw new ListFormatException(file.name(), row.line(),
            "expected " + columns + " columns (" + columnNames + ") but found " + row.size());
      }
    }
    return rows;
  }

  private static String entNum(String file, CsvRecord row) {
    String id = row.get(0).strip();
    if (id.isEmpty() || id.length() > 10 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new ListFormatException(file, row.line(), "ent_num must be a number, not '" + id + "'");
    }
    return id;
  }

  private static SanctionedEntity.Builder entity(String file, CsvRecord row, String overflow) {
    String name = value(row.get(1));
    if (name.isEmpty()) {
      throw new ListFormatException(file, row.line(), "entry " + row.get(0).strip() + " has no name");
    }
    Schema schema = switch (value(row.get(2)).toLowerCase(Locale.ROOT)) {
      case "individual" -> Schema.PERSON;
      case "vessel" -> Schema.VESSEL;
      case "aircraft" -> Schema.AIRCRAFT;
      case "" -> Schema.ORGANIZATION;
      default -> throw new ListFormatException(file, row.line(),
          "SDN_Type must be individual, vessel, aircraft or -0-, not '" + row.get(2).strip() + "'");
    };
    SanctionedEntity.Builder b = SanctionedEntity.builder(row.get(0).strip(), schema);
    b.name(name(name, NameStrength.PRIMARY, schema));
    for (String programme : PROGRAMME_SEPARATOR.split(value(row.get(3)))) {
      b.programme(programme.replace("[", "").replace("]", ""));
    }
    b.title(value(row.get(4)));
    if (schema == Schema.VESSEL || !value(row.get(5)).isEmpty() || !value(row.get(9)).isEmpty()) {
      String flagText = value(row.get(9));
      Optional<Country> flag = Country.fromName(flagText);
      flag.ifPresent(c -> b.country(c, CountryRole.FLAG));
      if (flag.isEmpty() && !flagText.isEmpty()) {
        b.remark("Vessel flag " + flagText);
      }
      b.vessel(new VesselDetails(value(row.get(5)), value(row.get(6)), flag, value(row.get(7)),
          value(row.get(8)), value(row.get(10))));
    }
    OfacRemarks remarks = OfacRemarks.parse(value(row.get(11)) + overflow);
    remarks.weakAliases().forEach(a -> b.name(EntityName.of(a, NameStrength.WEAK_ALIAS)));
    remarks.birthDates().forEach(b::birthDate);
    remarks.birthPlaces().forEach(b::birthPlace);
    remarks.countries().forEach(c -> b.country(c.country(), c.role()));
    remarks.gender().ifPresent(b::gender);
    remarks.identifiers().forEach(b::identifier);
    remarks.linkedTo().forEach(b::linkedTo);
    remarks.other().forEach(b::remark);
    return b;
  }

  /**
   * OFAC writes individuals as "FAMILY, Given"; the name is kept in natural order ("Given FAMILY")
   * with its two parts. Names with more than one comma ("DELOS REYES, Feliciano, Jr.") are kept
   * as written, because the part after the second comma is not reliably a given name.
   */
  static EntityName name(String text, NameStrength strength, Schema schema) {
    int comma = text.indexOf(',');
    if (schema != Schema.PERSON || comma < 0 || text.indexOf(',', comma + 1) >= 0) {
      return EntityName.of(text, strength);
    }
    String family = text.substring(0, comma).strip();
    String given = text.substring(comma + 1).strip();
    if (family.isEmpty() || given.isEmpty()) {
      return EntityName.of(text, strength);
    }
    return new EntityName(given + " " + family, strength,
        List.of(new NamePart(NamePartType.GIVEN, given), new NamePart(NamePartType.FAMILY, family)),
        false);
  }

  private static Optional<Address> address(CsvRecord row) {
    String street = value(row.get(2));
    String city = value(row.get(3));
    String countryText = value(row.get(4));
    Optional<Country> country = Country.fromName(countryText);
    List<String> parts = new ArrayList<>();
    if (!street.isEmpty()) {
      parts.add(street);
    }
    if (!city.isEmpty()) {
      parts.add(city);
    }
    if (country.isEmpty() && !countryText.isEmpty()) {
      // "Region: Crimea" and the like: keep the text rather than drop it.
      parts.add(countryText);
    }
    String text = String.join(", ", parts);
    return text.isEmpty() && country.isEmpty() ? Optional.empty() : Optional.of(new Address(text, country));
  }

  /** A field's value with OFAC's {@code -0-} null marker and surrounding blanks removed. */
  static String value(String field) {
    String s = field.strip();
    return s.equals(NULL) ? "" : s;
  }
}
