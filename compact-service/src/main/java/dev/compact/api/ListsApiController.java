package dev.compact.api;

import dev.compact.sanctions.Identifier;
import dev.compact.sanctions.ListDiff;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctionsregister.ListVersion;
import dev.compact.sanctionsregister.ListVersions;
import dev.compact.sanctionsregister.PackageRef;
import dev.compact.service.InvalidInput;
import dev.compact.service.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sanctions list versions in the record: recording one (the secretariat), listing a source's
 * versions and what changed between two of them (anyone: list versions are public).
 */
@RestController
@RequestMapping("/api/lists")
class ListsApiController {
  /** The file name a single-file body is given when the request names none. */
  private static final Map<ListFormat, String> DEFAULT_NAMES = Map.of(ListFormat.OFAC, "sdn.csv", ListFormat.UN, "consolidated.xml",
      ListFormat.EU, "fsf.csv", ListFormat.UK, "ConList.csv", ListFormat.FTM, "entities.ftm.json");
  /** What a ZIP of list files may expand to, so that a small archive cannot fill the memory. */
  private static final long MAX_UNZIPPED = 500L * 1024 * 1024;

  private final ListVersions versions;
  private final dev.compact.sanctionsregister.PackageRegister packages;

  ListsApiController(ListVersions versions, dev.compact.sanctionsregister.PackageRegister packages) {
    this.versions = versions;
    this.packages = packages;
  }

  /** A file of a version: its name, the SHA-256 of its bytes and its size. */
  record FileView(String name, String sha256, long size) {}

  /**
   * A recorded version of a list: its hashes, dates and counts, and against the version recorded
   * before it ({@code previous}, null for the first) how many entries it added, removed and changed;
   * {@code staleSideRowsAllowed} when it got in only through the override of the OFAC cut check.
   */
  record ListVersionView(String source, String list, String versionHash, String inForceFrom, String issued, int entities, String previous,
      int added, int removed, int changed, List<FileView> files, String recordedAt, String recordedBy, boolean staleSideRowsAllowed) {}

  /** What an import did: the version, and whether the same bytes were recorded before (then nothing new was). */
  record ImportView(String source, String list, String versionHash, String inForceFrom, String issued, int entities, String previous,
      int added, int removed, int changed, List<FileView> files, String recordedAt, String recordedBy, boolean staleSideRowsAllowed,
      boolean alreadyRecorded, List<String> notes) {}

  /** An entry added or removed, with the packages known to have designated it. */
  record EntryView(String id, String schema, String name, List<String> names, List<String> identifiers, List<String> programmes,
      List<PackageRef> packages) {}

  /** One field of an entry that changed: the values removed and added. */
  record FieldChangeView(List<String> removed, List<String> added) {}

  /** An entry in both versions whose particulars differ, per field. */
  record ChangeView(String id, String name, Map<String, FieldChangeView> fields, List<PackageRef> packages) {}

  record DiffCounts(int added, int removed, int changed) {}

  /** What changed from one version to another; the lists are capped by {@code limit}, the counts are whole. */
  record DiffView(String source, ListVersionView from, ListVersionView to, DiffCounts counts, List<EntryView> added, List<EntryView> removed,
      List<ChangeView> changed) {}

  @Operation(summary = "Record a version of a sanctions list",
      description = "The body is the list file itself (any content type; 'file' names it, by default sdn.csv, consolidated.xml,"
          + " fsf.csv, ConList.csv or entities.ftm.json), or, for an OFAC release of several files, a ZIP of them"
          + " (Content-Type: application/zip). 201 with the version when it is new; 200 with alreadyRecorded when the same bytes"
          + " were recorded before (nothing new is recorded). A malformed file, or a version that would drop more than 20% of"
          + " the previous version's entries without allowShrink, is 422 naming the file and line; nothing is recorded."
          + " An OFAC release whose alias or address file names entries after its main file's last is refused as cut short;"
          + " allowStaleSideRows=true reads those rows as stale and ignores them, for a release checked whole against the one"
          + " published: if the main file was in fact cut short, its last entries are then missing without an error. A version"
          + " that got in only so says staleSideRowsAllowed, in its event and in every view of it."
          + " inForceFrom (YYYY-MM-DD) is the date from which screening as of a date uses it; by default the date the file"
          + " states, else today. The secretariat's.")
  @PostMapping("/{source}/versions")
  ResponseEntity<ImportView> record(@PathVariable String source, @RequestParam(required = false) String file,
      @RequestParam(required = false) String inForceFrom, @RequestParam(defaultValue = "false") boolean allowShrink,
      @RequestParam(defaultValue = "false") boolean allowStaleSideRows, HttpServletRequest request) throws IOException {
    // The role before the body: a list file may be 200 MB, and only the secretariat's is worth reading.
    var actor = ApiAuthentication.actorAllowed(request, dev.compact.access.Permissions::recordListVersions);
    ListFormat format = format(source);
    byte[] body = request.getInputStream().readAllBytes();
    if (body.length == 0) {
      throw new InvalidInput("the body is empty: send the list file (or, for OFAC, a ZIP of its files) with Content-Type"
          + " application/octet-stream (a form content type makes the server read it as form fields); nothing was recorded", List.of());
    }
    String type = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
    List<ListFile> files = type.startsWith("application/zip")
        ? unzip(body)
        : List.of(new ListFile(file == null || file.isBlank() ? DEFAULT_NAMES.get(format) : file, body));
    Optional<LocalDate> date = Optional.ofNullable(inForceFrom).filter(s -> !s.isBlank()).map(LocalDate::parse);
    List<String> notes = new ArrayList<>();
    ListVersions.Outcome outcome = versions.importVersion(new ListVersions.Request(format, files, date, allowShrink, allowStaleSideRows), actor, notes::add);
    ListVersionView v = view(outcome.version());
    ImportView view = new ImportView(v.source(), v.list(), v.versionHash(), v.inForceFrom(), v.issued(), v.entities(), v.previous(),
        v.added(), v.removed(), v.changed(), v.files(), v.recordedAt(), v.recordedBy(), v.staleSideRowsAllowed(),
        outcome instanceof ListVersions.Outcome.AlreadyRecorded, List.copyOf(notes));
    return switch (outcome) {
      case ListVersions.Outcome.Recorded r -> ResponseEntity.created(URI.create("/api/lists/" + format.keyword() + "/versions/"
          + r.version().versionHash())).body(view);
      case ListVersions.Outcome.AlreadyRecorded a -> ResponseEntity.ok(view);
    };
  }

  @Operation(summary = "The recorded versions of a list, oldest first",
      description = "Each with its version hash, the date it is in force from, the date the publisher gives it, its counts and"
          + " how many entries it added, removed and changed against the version recorded before it.")
  @GetMapping("/{source}/versions")
  List<ListVersionView> versions(@PathVariable String source) {
    return versions.versions(format(source)).stream().map(ListsApiController::view).toList();
  }

  @Operation(summary = "One recorded version of a list, by hash or a prefix of at least 8 hex digits")
  @GetMapping("/{source}/versions/{hash}")
  ListVersionView version(@PathVariable String source, @PathVariable String hash) {
    return view(versions.require(format(source), hash));
  }

  @Operation(summary = "What changed between two versions of a list",
      description = "Entries added, removed and changed (with the names and identifiers that changed, and every other field"
          + " that did) from 'from' to 'to', each a version hash or prefix. Without 'to', the latest version; without 'from',"
          + " the version recorded before 'to'. 'limit' caps each of the three lists (default 1000); the counts are whole."
          + " Each entry names the sanctions packages recorded as designating it (docs/sanctions-lists.md, section 13), where known.")
  @GetMapping("/{source}/diff")
  DiffView diff(@PathVariable String source, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(defaultValue = "1000") int limit) {
    ListFormat format = format(source);
    List<ListVersion> all = versions.versions(format);
    if (all.isEmpty()) {
      throw new NotFound("no " + format.keyword() + " list version in the record");
    }
    ListVersion newer = to == null || to.isBlank() ? all.getLast() : versions.require(format, to);
    ListVersion older;
    if (from == null || from.isBlank()) {
      int at = all.indexOf(newer);
      if (at == 0) {
        throw new InvalidInput("version " + newer.shortHash() + " is the first " + format.keyword() + " version recorded; give 'from'",
            List.of());
      }
      older = all.get(at - 1);
    } else {
      older = versions.require(format, from);
    }
    ListDiff diff = versions.diff(older, newer);
    int cap = Math.max(0, limit);
    String keyword = format.keyword();
    return new DiffView(keyword, view(older), view(newer), new DiffCounts(diff.added().size(), diff.removed().size(), diff.changed().size()),
        diff.added().stream().limit(cap).map(e -> entry(e, packages(keyword, e.id().value()))).toList(),
        diff.removed().stream().limit(cap).map(e -> entry(e, packages(keyword, e.id().value()))).toList(),
        diff.changed().stream().limit(cap).map(c -> change(c, packages(keyword, c.id().value()))).toList());
  }

  /** The packages recorded as designating an entry of a source. */
  private List<PackageRef> packages(String source, String entry) {
    return packages.refs(source, entry);
  }

  static ListFormat format(String source) {
    return ListFormat.parse(source).orElseThrow(() -> new NotFound("no list source '" + source + "'; the sources are "
        + ListFormat.keywords()));
  }

  static ListVersionView view(ListVersion v) {
    return new ListVersionView(v.source(), v.event().list(), v.versionHash(), v.event().inForceFrom(), v.event().issued(),
        v.event().entities(), v.event().previous(), v.event().added(), v.event().removed(), v.event().changed(),
        v.event().files().stream().map(f -> new FileView(f.name(), f.sha256(), f.size())).toList(), v.recordedAt().toString(), v.actor(),
        v.staleSideRowsAllowed());
  }

  static EntryView entry(SanctionedEntity e, List<PackageRef> packages) {
    return new EntryView(e.id().value(), e.schema().name().toLowerCase(Locale.ROOT), e.primaryName().full(),
        e.names().stream().map(n -> n.full()).toList(), e.identifiers().stream().map(ListsApiController::identifier).toList(),
        e.programmes(), packages);
  }

  private static ChangeView change(ListDiff.Change c, List<PackageRef> packages) {
    Map<String, FieldChangeView> fields = new LinkedHashMap<>();
    c.fields().forEach((field, change) -> fields.put(field.name().toLowerCase(Locale.ROOT),
        new FieldChangeView(change.removed(), change.added())));
    return new ChangeView(c.id().value(), c.after().primaryName().full(), fields, packages);
  }

  private static String identifier(Identifier id) {
    return id.type().name().toLowerCase(Locale.ROOT) + ":" + id.value() + id.country().map(c -> " (" + c + ")").orElse("");
  }

  /** The files of a ZIP, by their names without folders; refused when it expands past {@link #MAX_UNZIPPED}. */
  static List<ListFile> unzip(byte[] body) {
    List<ListFile> files = new ArrayList<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.isDirectory() || entry.getName().contains("__MACOSX") || entry.getName().endsWith(".DS_Store")) {
          continue;
        }
        byte[] bytes = readCapped(zip, MAX_UNZIPPED - total);
        total += bytes.length;
        files.add(new ListFile(entry.getName(), bytes));
      }
    } catch (IOException e) {
      throw new InvalidInput("the body is not a readable ZIP archive: " + e.getMessage() + "; nothing was recorded", List.of());
    } catch (UncheckedIOException e) {
      throw new InvalidInput(e.getCause().getMessage() + "; nothing was recorded", List.of());
    }
    if (files.isEmpty()) {
      throw new InvalidInput("the ZIP archive holds no files; nothing was recorded", List.of());
    }
    return files;
  }

  private static byte[] readCapped(InputStream in, long cap) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
    if (bytes.length > cap) {
      throw new UncheckedIOException(new IOException("the ZIP archive expands to more than " + MAX_UNZIPPED + " bytes"));
    }
    return bytes;
  }
}
