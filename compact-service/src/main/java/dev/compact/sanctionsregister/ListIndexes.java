package dev.compact.sanctionsregister;

import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screeningservice.ScreeningService;
import dev.compact.service.InvalidInput;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screening indexes over the record's list versions. The index for the versions in force today is
 * kept warm: built when the service starts and again, in the background, whenever a version lands;
 * the new index replaces the old one in one reference swap, so a request sees the old index or the
 * new one, never a half-built one. Indexes for other dates are built on demand and a few are kept.
 * When the record holds no list version, screening stays on the bundled demo lists.
 */
public final class ListIndexes {
  private static final Logger LOG = LoggerFactory.getLogger(ListIndexes.class);

  /** An index with the versions it was built from. */
  public record Indexed(List<ListVersion> versions, Screener screener) {
    /** The version an entity of a list came from, by the list's version hash. */
    public Optional<ListVersion> versionOf(String versionHash) {
      return versions.stream().filter(v -> v.versionHash().equals(versionHash)).findFirst();
    }
  }

  private final ListVersions versions;
  private final ScreeningService screening;
  private final Clock clock;
  private final AtomicReference<Indexed> current = new AtomicReference<>();
  /** Whether a rebuild started by {@link #refreshIfDue} is under way. */
  private final java.util.concurrent.atomic.AtomicBoolean building = new java.util.concurrent.atomic.AtomicBoolean();
  private final Map<List<String>, Indexed> byVersions = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<List<String>, Indexed> eldest) {
      return size() > 3;
    }
  };

  public ListIndexes(ListVersions versions, ScreeningService screening, Clock clock) {
    this.versions = versions;
    this.screening = screening;
    this.clock = clock;
    versions.onRecorded(v -> Thread.ofPlatform().name("list-index").daemon().start(this::refresh));
  }

  /**
   * Builds the index for the versions in force today and makes it the one screening uses; nothing
   * to do when the current index was built from exactly those versions (a version recorded with a
   * later in-force date changes nothing until that day).
   */
  public synchronized void refresh() {
    try {
      List<ListVersion> inForce = versions.inForce(today());
      Indexed now = current.get();
      if (inForce.isEmpty() || now != null && now.versions().equals(inForce)) {
        return;
      }
      Indexed indexed = build(inForce);
      current.set(indexed);
      screening.use(indexed.screener());
      LOG.info("screening now uses {}", inForce.stream().map(v -> v.source() + " " + v.shortHash()).toList());
    } catch (RuntimeException e) {
      LOG.warn("cannot build the index for the list versions in force: {}", e.toString());
    }
  }

  /**
   * Called on the service's tick: when the service clock has reached the in-force date of a version
   * recorded earlier, the versions in force today are no longer those of the current index, and it
   * is rebuilt in a background thread (one at a time, so that the scheduler, which also lets
   * deadlines pass, never waits for a build) and swapped in. Cheap otherwise: one read of the
   * list-version events.
   */
  public void refreshIfDue() {
    Indexed now = current.get();
    List<ListVersion> inForce = versions.inForce(today());
    if (!inForce.isEmpty() && (now == null || !now.versions().equals(inForce)) && building.compareAndSet(false, true)) {
      Thread.ofPlatform().name("list-index").daemon().start(() -> {
        try {
          refresh();
        } finally {
          building.set(false);
        }
      });
    }
  }

  /** The index for the versions in force today, if the record holds any. */
  public Optional<Indexed> current() {
    return Optional.ofNullable(current.get());
  }

  /**
   * The index for the versions in force at a date. Refused when the record holds no version in
   * force then: screening "as of" a date the record knows nothing about would silently answer "no hit".
   */
  public Indexed asOf(LocalDate date) {
    List<ListVersion> inForce = versions.inForce(date);
    if (inForce.isEmpty()) {
      throw new InvalidInput(versions.all().isEmpty()
          ? "the record holds no list versions, so nothing can be screened as of " + date + "; import one with"
              + " POST /api/lists/{source}/versions or compact lists import"
          : "no list version in the record is in force on " + date + "; the earliest is in force from "
              + versions.all().stream().map(ListVersion::inForceFrom).min(LocalDate::compareTo).orElseThrow(), List.of());
    }
    Indexed now = current.get();
    if (now != null && now.versions().equals(inForce)) {
      return now;
    }
    List<String> key = inForce.stream().map(ListVersion::versionHash).toList();
    synchronized (byVersions) {
      Indexed cached = byVersions.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Indexed built = build(inForce);
    synchronized (byVersions) {
      byVersions.put(key, built);
    }
    return built;
  }

  private Indexed build(List<ListVersion> inForce) {
    List<SanctionsList> lists = inForce.stream().map(versions::list).toList();
    return new Indexed(inForce, new Screener(ScreeningIndex.build(lists)));
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
