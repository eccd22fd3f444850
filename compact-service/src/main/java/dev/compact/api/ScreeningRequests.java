package dev.compact.api;

import dev.compact.api.ScreeningAnswers.ScreenedList;
import dev.compact.api.ScreeningAnswers.ScreeningAnswer;
import dev.compact.api.ScreeningAnswers.ScreeningHit;
import dev.compact.api.ScreeningApiController.Query;
import dev.compact.sanctionsregister.ListIndexes;
import dev.compact.sanctionsregister.ListVersion;
import dev.compact.sanctionsregister.PackageRef;
import dev.compact.sanctionsregister.PackageRegister;
import dev.compact.screening.QueryText;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screeningservice.ScreeningService;
import dev.compact.service.InvalidInput;
import dev.compact.text.Shown;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What {@code POST /api/screen} and {@code /api/screen/batch} do with a query once it is read: check
 * it, screen it against the lists in force (or as of a date) and turn the hits into the answer's
 * records. One place for it, so that the annotated controller and the direct route
 * ({@link ScreeningRoute}) cannot answer the same query differently.
 */
@Component
class ScreeningRequests {
  /** Hits per query: a limit outside 1 to 100 is refused, as the record's lists refuse theirs, never quietly changed. */
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;
  private final ScreeningService screening;
  private final PackageRegister packages;
  private final ListIndexes indexes;

  ScreeningRequests(ScreeningService screening, ListIndexes indexes, PackageRegister packages) {
    this.screening = screening;
    this.indexes = indexes;
    this.packages = packages;
  }

  /** The answer to one query, or an {@link InvalidInput} (a 422) that says what is wrong with it. */
  ScreeningAnswer answer(Query query) {
    List<String> problems = new ArrayList<>();
    // The hits and the lists the answer names come from one index: a version recorded meanwhile swaps
    // the index, and an answer must not name a version its hits were not screened against.
    Today today = today();
    Screened result = screen(query, problems, today);
    if (!problems.isEmpty()) {
      throw new InvalidInput(String.join("; ", problems), List.of());
    }
    boolean asOf = query.asOf() != null && !query.asOf().isBlank();
    return new ScreeningAnswer(result.query(), result.candidates(), result.hits(), ScreeningAnswers.THRESHOLDS,
        asOf ? lists(indexed(query.asOf())) : lists(today), asOf ? query.asOf().strip() : null);
  }

  /** What one query's screening found: its normalised name, the candidates scored and the hits. */
  record Screened(String query, int candidates, List<ScreeningHit> hits) {}

  /**
   * The lists in force now. A caller reads them once per answer, a batch's included, and passes them to
   * {@link #screen} and {@link #lists}: a version recorded meanwhile swaps the index, and an answer must
   * not name lists its hits were not screened against.
   */
  Today today() {
    Optional<ListIndexes.Indexed> indexed = indexes.current();
    return new Today(indexed, screener(indexed));
  }

  /**
   * The lists an answer screens against when it asks for no date: the record's index in force (empty
   * while the record holds none) and the screener read with it, the bundled lists' when there is no
   * index, so that the first version to land cannot change the screener halfway through a batch either.
   */
  record Today(Optional<ListIndexes.Indexed> indexed, Screener screener) {}

  /**
   * Screens one query against {@code today} (the record's index in force, read once by the caller)
   * unless it asks for a date; on problems, adds them and returns null.
   */
  Screened screen(Query input, List<String> problems, Today today) {
    if (input.name() == null || input.name().isBlank()) {
      problems.add("'name' is required");
      return null;
    }
    if (input.limit() != null && (input.limit() < 1 || input.limit() > MAX_LIMIT)) {
      problems.add("'limit' must be from 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + "), not " + input.limit());
      return null;
    }
    if (input.name().length() > ScreeningQuery.MAX_NAME_LENGTH) {
      problems.add("the name is longer than " + ScreeningQuery.MAX_NAME_LENGTH + " characters");
      return null;
    }
    ScreeningQuery query = QueryText.query(input.name(), input.type(), input.dob(), input.country(),
        input.ids() == null ? List.of() : input.ids(), problems);
    if (!problems.isEmpty()) {
      return null;
    }
    int limit = input.limit() == null ? DEFAULT_LIMIT : input.limit();
    boolean asOf = input.asOf() != null && !input.asOf().isBlank();
    Optional<ListIndexes.Indexed> indexed = asOf ? Optional.of(indexed(input.asOf())) : today.indexed();
    Screener screener = asOf ? indexed.get().screener() : today.screener();
    // The screener checks the name itself (empty after normalisation is Rejected), so it is not checked twice here.
    return switch (screener.screen(query, limit)) {
      case ScreeningOutcome.Rejected rejected -> {
        problems.addAll(rejected.problems());
        yield null;
      }
      case ScreeningOutcome.Screened screened -> {
        List<Optional<ListVersion>> versions = new ArrayList<>(screened.hits().size());
        List<PackageRegister.Listed> listed = new ArrayList<>(screened.hits().size());
        for (var hit : screened.hits()) {
          // Which recorded version of which list the entry came from, when screening used the record's versions.
          Optional<ListVersion> version = indexed.flatMap(i -> i.versionOf(hit.explanation().listVersion()));
          versions.add(version);
          String source = version.map(v -> v.source())
              .or(() -> PackageRegister.sourceOf(hit.explanation().listName())).orElse("");
          listed.add(new PackageRegister.Listed(source, hit.entity().id().value()));
        }
        // The sanctions packages recorded as designating each entry (docs/sanctions-lists.md, section 13), read at once.
        List<List<PackageRef>> refs = packages.refs(listed);
        List<ScreeningHit> hits = new ArrayList<>(screened.hits().size());
        for (int i = 0; i < screened.hits().size(); i++) {
          Optional<ListVersion> version = versions.get(i);
          hits.add(ScreeningHit.of(screened.hits().get(i), version.map(v -> v.source()).orElse(null),
              version.map(v -> v.event().inForceFrom()).orElse(null), refs.get(i)));
        }
        yield new Screened(screened.query().key(), screened.candidates(), hits);
      }
    };
  }

  /**
   * The lists in force today, with their versions; a list that is one of the record's versions is
   * named with its source and in-force date, as an answer as of a date names them (the bundled lists
   * used while the record holds none have neither).
   */
  List<ScreenedList> lists(Today today) {
    return today.screener().index().lists().stream().map(l -> {
      Optional<ListVersion> version = today.indexed().flatMap(i -> i.versionOf(l.versionHash()));
      // Without a recorded version these are the bundled extracts: an answer from them must say so,
      // or a client would read "no hit" from 2021 lists as an answer of today's.
      return new ScreenedList(l.name(), l.shortVersion(), version.map(ListVersion::source).orElse(null),
          version.map(v -> v.event().inForceFrom()).orElse(null), today.indexed().isPresent() ? null : ScreenedList.BUNDLED);
    }).toList();
  }

  /**
   * The record's index in force when there is one, else the bundled lists' screener. The record's
   * index is set before the screening service swaps to it, so this never pairs an index with an
   * older screener.
   */
  private Screener screener(Optional<ListIndexes.Indexed> indexed) {
    return indexed.map(ListIndexes.Indexed::screener).orElseGet(screening::screener);
  }

  /** The index for the list versions in force at a date, or a 422 saying why there is none. */
  private ListIndexes.Indexed indexed(String asOf) {
    LocalDate date;
    try {
      date = LocalDate.parse(asOf.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInput("'asOf' must be a date such as 2020-03-01, not '" + shown(asOf) + "'", List.of());
    }
    return indexes.asOf(date);
  }

  /** A submitted value as a problem repeats it ({@link Shown}: cut short, its invisible characters escaped). */
  static String shown(String value) {
    return Shown.value(value);
  }

  /**
   * A batch as of a date: the index in force on that date, read once for the whole batch (as
   * {@link #today} is for an undated one), and the lists its answer names (a 422 when there are none).
   */
  record Dated(Today today, List<ScreenedList> lists) {}

  /** The index in force on {@code asOf} and its lists, read once: see {@link Dated}. */
  Dated asOf(String asOf) {
    ListIndexes.Indexed indexed = indexed(asOf);
    return new Dated(new Today(Optional.of(indexed), indexed.screener()), lists(indexed));
  }

  private static List<ScreenedList> lists(ListIndexes.Indexed indexed) {
    return indexed.versions().stream().map(v -> new ScreenedList(v.event().list(), v.shortHash(), v.source(),
        v.event().inForceFrom(), null)).toList();
  }

  /** Runs the batch's queries on the screening pool, one result per query in order. */
  <T> List<T> inParallel(int count, java.util.function.IntFunction<T> answer) {
    return screening.inParallel(count, answer);
  }
}
