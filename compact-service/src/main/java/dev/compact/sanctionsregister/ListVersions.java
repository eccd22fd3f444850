package dev.compact.sanctionsregister;

import dev.compact.access.Actor;
import dev.compact.access.Forbidden;
import dev.compact.access.Permissions;
import dev.compact.sanctions.ListDiff;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.sanctions.ListFormatException;
import dev.compact.sanctions.ListSnapshots;
import dev.compact.sanctions.SanctionsList;
import dev.compact.service.InvalidInput;
import dev.compact.service.NotFound;
import dev.compact.service.RecordReads;
import dev.compact.service.RecordService;
import dev.compact.service.Registrations;
import dev.compact.store.ConcurrencyConflict;
import dev.compact.store.StoreException;
import dev.compact.store.StoredEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The sanctions list versions in the record. A version enters as one {@code list-version-recorded}
 * event that holds its hashes and counts, while its files go, in the same transaction, into {@code
 * list_files} under the SHA-256 of their bytes: the log stays small and verifiable, and a version's
 * entries are read back from exactly the bytes its hash covers (checked on every read).
 *
 * <p>Recording is idempotent by version hash, and all or nothing: a file that does not parse, or a
 * version that would drop more than {@link #MAX_SHRINK} of the previous version's entries (the mark
 * of a file cut at a line boundary, which parses), records nothing.
 */
public final class ListVersions {
  /** The share of the previous version's entries a new version may remove without {@code allowShrink}. */
  public static final double MAX_SHRINK = 0.20;

  private static final ListSnapshots SNAPSHOTS = ListSnapshots.fromEnvironment(System.getenv(), System.getProperty("user.home"));
  /** Where versions are read; the same record as {@link #writes}, or one opened only to read. */
  private final RecordReads record;
  /** Where versions are recorded; null for a record opened only to read. */
  private final @Nullable RecordService writes;
  private final List<Consumer<ListVersion>> listeners = new CopyOnWriteArrayList<>();
  /** Parsed versions by version hash; parsing OFAC's 18,000 entries takes a second or two, so a few are kept. */
  private final Map<String, SanctionsList> parsed = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, SanctionsList> eldest) {
      return size() > 6;
    }
  };

  public ListVersions(RecordService record) {
    this.record = record;
    this.writes = record;
  }

  /** The versions of a record opened only to read them ({@link dev.compact.service.ReadOnlyRecord}): nothing can be imported. */
  public ListVersions(RecordReads record) {
    this.record = record;
    this.writes = null;
  }

  /** What an import did. */
  public sealed interface Outcome {
    ListVersion version();

    /** The version is new and now in the record. */
    record Recorded(ListVersion version) implements Outcome {}

    /** The same bytes were recorded before: nothing was recorded now. */
    record AlreadyRecorded(ListVersion version) implements Outcome {}
  }

  /** What an import is asked to do, besides the files. */
  public record Request(ListFormat format, List<ListFile> files, Optional<LocalDate> inForceFrom, boolean allowShrink,
      boolean allowStaleSideRows) {
    /** A request that refuses an OFAC release whose side files name entries after its main file's last (a cut main file). */
    public Request(ListFormat format, List<ListFile> files, Optional<LocalDate> inForceFrom, boolean allowShrink) {
      this(format, files, inForceFrom, allowShrink, false);
    }
  }

  /** Called, outside any lock, with each version this instance records. */
  public void onRecorded(Consumer<ListVersion> listener) {
    listeners.add(listener);
  }

  /** The stream a source's versions go to. */
  static String stream(ListFormat format) {
    return "lists-" + format.keyword();
  }

  /**
   * Records a version on behalf of an actor (the secretariat's job), or finds it already recorded.
   * A malformed file is an {@link InvalidInput} naming the file and line; nothing is recorded then.
   */
  public Outcome importVersion(Request request, Actor actor, Consumer<String> notes) {
    authorize(actor);
    return importVersion(request, read(request, notes), actor);
  }

  /** A request's files read as a list, and whether they got in only by ignoring stale side rows. */
  public record Read(SanctionsList list, boolean staleSideRowsAllowed) {}

  /**
   * Reads a request's files as {@link #importVersion} does, without a record: a caller that would create the record to
   * import into reads first, so that files refused for what they hold (malformed, no entries) create nothing.
   *
   * @throws InvalidInput for a malformed file (with its file and line) or one that holds no entries
   */
  public static Read read(Request request, Consumer<String> notes) {
    SanctionsList list;
    // Read strictly first, even when the override is given: the record must say whether the version
    // got in only through it (the lenient reading is asked for only when the strict one refuses).
    boolean staleSideRowsAllowed = false;
    List<String> strictNotes = new ArrayList<>();
    try {
      list = request.format().read(request.files(), false, strictNotes::add);
      strictNotes.forEach(notes);
    } catch (ListFormatException strict) {
      if (!request.allowStaleSideRows()) {
        throw new InvalidInput(strict.getMessage() + "; nothing was recorded", List.of());
      }
      try {
        list = request.format().read(request.files(), true, notes);
      } catch (ListFormatException e) {
        throw new InvalidInput(e.getMessage() + "; nothing was recorded", List.of());
      }
      staleSideRowsAllowed = true;
    }
    if (list.entities().isEmpty()) {
      throw new InvalidInput(request.files().getFirst().name() + ": holds no entries; nothing was recorded", List.of());
    }
    return new Read(list, staleSideRowsAllowed);
  }

  /** Records a version already {@link #read} from the request's files, or finds it already recorded. */
  public Outcome importVersion(Request request, Read read, Actor actor) {
    authorize(actor);
    RecordService writes = java.util.Objects.requireNonNull(this.writes, "a record opened only to read takes no list version");
    SanctionsList list = read.list();
    boolean staleSideRowsAllowed = read.staleSideRowsAllowed();
    for (int attempt = 0; ; attempt++) {
      Optional<ListVersion> existing = version(request.format(), list.versionHash());
      if (existing.isPresent()) {
        return new Outcome.AlreadyRecorded(existing.get());
      }
      String stream = stream(request.format());
      long streamVersion = writes.store().streamVersion(stream);
      Optional<ListVersion> previous = versions(request.format()).stream().reduce((a, b) -> b);
      int added = list.size();
      int removed = 0;
      int changed = 0;
      if (previous.isPresent()) {
        ListDiff diff = ListDiff.between(list(previous.get()), list);
        added = diff.added().size();
        removed = diff.removed().size();
        changed = diff.changed().size();
        int before = previous.get().event().entities();
        if (!request.allowShrink() && removed > before * MAX_SHRINK) {
          throw new InvalidInput(request.files().getFirst().name() + ": this version would remove " + removed + " of the "
              + before + " entries of the version before it (" + previous.get().shortHash() + "), more than "
              + Math.round(MAX_SHRINK * 100) + "%: is the file cut short? Nothing was recorded; if the list really shrank,"
              + " import it again with allowShrink (--allow-shrink)", List.of());
        }
      }
      LocalDate inForceFrom = request.inForceFrom().or(list::issued)
          .orElseGet(() -> LocalDate.ofInstant(record.clock().instant(), ZoneOffset.UTC));
      List<ListVersion.FileRef> refs = request.files().stream()
          .map(f -> new ListVersion.FileRef(f.name(), f.sha256(), f.size())).toList();
      ListVersion.Recorded event = new ListVersion.Recorded(request.format().keyword(), list.name(), list.versionHash(),
          list.issued().map(LocalDate::toString).orElse(null), inForceFrom.toString(), list.size(), refs,
          previous.map(ListVersion::versionHash).orElse(null), added, removed, changed, staleSideRowsAllowed ? Boolean.TRUE : null);
      List<byte[]> compressed = request.files().stream().map(f -> gzip(f.bytes())).toList();
      try {
        List<StoredEvent> stored = writes.registrations().recordOnly(stream, OptionalLong.of(streamVersion), Registrations.LIST_VERSION_RECORDED,
            event, Optional.empty(), actor.name(), connection -> {
              storeFiles(connection, request.files(), compressed);
              return null;
            });
        StoredEvent first = stored.getFirst();
        ListVersion version = new ListVersion(first.seq(), first.recordedAt(), first.actor(), event);
        synchronized (parsed) {
          parsed.put(list.versionHash(), list);
        }
        for (Consumer<ListVersion> listener : listeners) {
          listener.accept(version);
        }
        return new Outcome.Recorded(version);
      } catch (ConcurrencyConflict e) {
        // Another import of this source landed first: look again (it may have been these very bytes).
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  private static void authorize(Actor actor) {
    Permissions.Verdict verdict = Permissions.recordListVersions(actor.roles());
    if (!actor.system() && !verdict.allowed()) {
      throw new Forbidden(actor.name() + ": " + verdict.reason());
    }
  }

  private static void storeFiles(Connection connection, List<ListFile> files, List<byte[]> compressed) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO list_files (sha256, size, gz) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING")) {
      for (int i = 0; i < files.size(); i++) {
        insert.setString(1, files.get(i).sha256());
        insert.setLong(2, files.get(i).size());
        insert.setBytes(3, compressed.get(i));
        insert.executeUpdate();
      }
    }
  }

  /** Every recorded version of every source, in the order they were recorded. */
  public List<ListVersion> all() {
    List<ListVersion> versions = new ArrayList<>();
    try (Connection connection = record.database().dataSource().getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT seq, payload, recorded_at, actor, stream_id FROM events WHERE event_type = ? ORDER BY seq")) {
      select.setString(1, Registrations.LIST_VERSION_RECORDED);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          ListVersion.Recorded recorded;
          try {
            recorded = record.codec().read(rs.getString(2), ListVersion.Recorded.class);
          } catch (RuntimeException e) {
            // Not left out: which lists are in force, and so every screening answer, would be wrong without it.
            throw new dev.compact.service.UnreadableEvent(rs.getLong(1), rs.getString(5), Registrations.LIST_VERSION_RECORDED,
                Instant.parse(rs.getString(3)), e);
          }
          versions.add(new ListVersion(rs.getLong(1), Instant.parse(rs.getString(3)), rs.getString(4), recorded));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the list versions: " + e.getMessage(), e);
    }
    return versions;
  }

  /** A source's versions, in the order they were recorded. */
  public List<ListVersion> versions(ListFormat format) {
    return all().stream().filter(v -> v.source().equals(format.keyword())).toList();
  }

  /** A source's version by its hash or a prefix of it of at least 8 hex digits. */
  public Optional<ListVersion> version(ListFormat format, String hash) {
    String wanted = hash.strip().toLowerCase(java.util.Locale.ROOT).replaceFirst("^sha256:", "");
    if (wanted.length() < 8) {
      return Optional.empty();
    }
    List<ListVersion> found = versions(format).stream().filter(v -> v.versionHash().startsWith(wanted)).toList();
    if (found.size() > 1) {
      throw new InvalidInput("'" + hash + "' names " + found.size() + " versions of " + format.keyword() + "; give more digits", List.of());
    }
    return found.stream().findFirst();
  }

  /** A version by hash or prefix, or {@link NotFound}. */
  public ListVersion require(ListFormat format, String hash) {
    return version(format, hash).orElseThrow(() -> new NotFound("no " + format.keyword() + " list version " + hash
        + " in the record; GET /api/lists/" + format.keyword() + "/versions lists them"));
  }

  /**
   * The versions in force at a date: for each source, the one with the latest in-force date not
   * after it (of two with the same date, the one recorded last).
   */
  public List<ListVersion> inForce(LocalDate date) {
    Map<String, ListVersion> bySource = new LinkedHashMap<>();
    for (ListVersion v : all()) {
      if (v.inForceFrom().isAfter(date)) {
        continue;
      }
      ListVersion other = bySource.get(v.source());
      if (other == null || !v.inForceFrom().isBefore(other.inForceFrom())) {
        bySource.put(v.source(), v);
      }
    }
    return bySource.values().stream().sorted(Comparator.comparing(ListVersion::source)).toList();
  }

  /** The entries of a version, parsed from its stored files after checking them against their hashes. */
  public SanctionsList list(ListVersion version) {
    synchronized (parsed) {
      SanctionsList cached = parsed.get(version.versionHash());
      if (cached != null) {
        return cached;
      }
    }
    List<ListFile> files = new ArrayList<>();
    try (Connection connection = record.database().dataSource().getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT gz FROM list_files WHERE sha256 = ?")) {
      for (ListVersion.FileRef ref : version.event().files()) {
        select.setString(1, ref.sha256());
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            throw new StoreException("list version " + version.shortHash() + ": its file " + ref.name() + " (" + ref.sha256()
                + ") is missing from list_files", null);
          }
          ListFile file = new ListFile(ref.name(), gunzip(rs.getBytes(1)));
          if (!file.sha256().equals(ref.sha256())) {
            throw new StoreException("list version " + version.shortHash() + ": the stored " + ref.name()
                + " does not match the hash its event records; the list_files table was altered", null);
          }
          files.add(file);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read list files: " + e.getMessage(), e);
    }
    ListFormat format = ListFormat.parse(version.source()).orElseThrow();
    // A version parsed once (by this process or an earlier one) is read back from its snapshot.
    SanctionsList list = SNAPSHOTS.read(format, files, note -> {});
    if (!list.versionHash().equals(version.versionHash())) {
      throw new StoreException("list version " + version.shortHash() + " reads back as " + list.shortVersion(), null);
    }
    synchronized (parsed) {
      parsed.put(version.versionHash(), list);
    }
    return list;
  }

  /** What changed from one version to another of the same source. */
  public ListDiff diff(ListVersion from, ListVersion to) {
    return ListDiff.between(list(from), list(to));
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
