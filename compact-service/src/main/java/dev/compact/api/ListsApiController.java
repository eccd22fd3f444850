package dev.compact.api;

import dev.compact.lists.ListVersion;
import dev.compact.lists.ListVersions;
import dev.compact.sanctions.Identifier;
import dev.compact.sanctions.ListDiff;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.sanctions.SanctionedEntity;
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

  ListsApiController(ListVersions versions) {
    this.versions = versions;
  }

  @Operation(summary = "Record a version of a sanctions list",
      description = "The body is the list file itself (any content type; 'file' names it, by default sdn.csv, consolidated.xml,"
          + " fsf.csv, ConList.csv or entities.ftm.json), or, for an OFAC release of several files, a ZIP of them"
          + " (Content-Type: application/zip). 201 with the version when it is new; 200 with alreadyRecorded when the same bytes"
          + " were recorded before (nothing new is recorded). A malformed file, or a version that would drop more than 20% of"
          + " the previous version's entries without allowShrink, is 422 naming the file and line; nothing is recorded."
          + " inForceFrom (YYYY-MM-DD) is the date from which screening as of a date uses it; by default the date the file"
          + " states, else today. The secretariat's.")
  @PostMapping("/{source}/versions")
  ResponseEntity<Map<String, Object>> record(@PathVariable String source, @RequestParam(required = false) String file,
      @RequestParam(required = false) String inForceFrom, @RequestParam(defaultValue = "false") boolean allowShrink,
      HttpServletRequest request) throws IOException {
    var actor = ApiAuthentication.actor(request);
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
    ListVersions.Outcome outcome = versions.importVersion(new ListVersions.Request(format, files, date, allowShrink), actor, notes::add);
    Map<String, Object> view = view(outcome.version());
    view.put("alreadyRecorded", outcome instanceof ListVersions.Outcome.AlreadyRecorded);
    view.put("notes", notes);
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
  List<Map<String, Object>> versions(@PathVariable String source) {
    return versions.versions(format(source)).stream().map(ListsApiController::view).toList();
  }

  @Operation(summary = "One recorded version of a list, by hash or a prefix of at least 8 hex digits")
  @GetMapping("/{source}/versions/{hash}")
  Map<String, Object> version(@PathVariable String source, @PathVariable String hash) {
    return view(versions.require(format(source), hash));
  }

  @Operation(summary = "What changed between two versions of a list",
      description = "Entries added, removed and changed (with the names and identifiers that changed, and every other field"
          + " that did) from 'from' to 'to', each a version hash or prefix. Without 'to', the latest version; without 'from',"
          + " the version recorded before 'to'. 'limit' caps each of the three lists (default 1000); the counts are whole.")
  @GetMapping("/{source}/diff")
  Map<String, Object> diff(@PathVariable String source, @RequestParam(required = false) String from,
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
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("source", format.keyword());
    view.put("from", view(older));
    view.put("to", view(newer));
    view.put("counts", Map.of("added", diff.added().size(), "removed", diff.removed().size(), "changed", diff.changed().size()));
    view.put("added", diff.added().stream().limit(cap).map(ListsApiController::entry).toList());
    view.put("removed", diff.removed().stream().limit(cap).map(ListsApiController::entry).toList());
    view.put("changed", diff.changed().stream().limit(cap).map(ListsApiController::change).toList());
    return view;
  }

  static ListFormat format(String source) {
    return ListFormat.parse(source).orElseThrow(() -> new NotFound("no list source '" + source + "'; the sources are "
        + ListFormat.keywords()));
  }

  static Map<String, Object> view(ListVersion v) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("source", v.source());
    view.put("list", v.event().list());
    view.put("versionHash", v.versionHash());
    view.put("inForceFrom", v.event().inForceFrom());
    view.put("issued", v.event().issued());
    view.put("entities", v.event().entities());
    view.put("previous", v.event().previous());
    view.put("added", v.event().added());
    view.put("removed", v.event().removed());
    view.put("changed", v.event().changed());
    view.put("files", v.event().files());
    view.put("recordedAt", v.recordedAt().toString());
    view.put("recordedBy", v.actor());
    return view;
  }

  static Map<String, Object> entry(SanctionedEntity e) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", e.id().value());
    view.put("schema", e.schema().name().toLowerCase(Locale.ROOT));
    view.put("name", e.primaryName().full());
    view.put("names", e.names().stream().map(n -> n.full()).toList());
    view.put("identifiers", e.identifiers().stream().map(ListsApiController::identifier).toList());
    view.put("programmes", e.programmes());
    return view;
  }

  private static Map<String, Object> change(ListDiff.Change c) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", c.id().value());
    view.put("name", c.after().primaryName().full());
    Map<String, Object> fields = new LinkedHashMap<>();
    c.fields().forEach((field, change) -> fields.put(field.name().toLowerCase(Locale.ROOT),
        Map.of("removed", change.removed(), "added", change.added())));
    view.put("fields", fields);
    return view;
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
