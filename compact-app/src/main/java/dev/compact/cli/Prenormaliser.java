package dev.compact.cli;

import dev.compact.screening.NameNormaliser;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.evaluation.CsvTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code screen --batch}'s warm-up: the batch's names normalised on the second core while the lists and the index load. */
final class Prenormaliser {
  private Prenormaliser() {}

  /**
   * Normalises the batch's names on a second core while this thread loads the lists and the index,
   * which use one. The normaliser keeps each word it has read (and ICU compiles each script's
   * transliteration rules once per process), so the screening finds much of its first work done;
   * the results are the same either way. Names in other scripts than Latin go first: they cost the
   * most. Stops as soon as the index is ready (the flag returned is set), so that it never competes with the screening.
   */
  static AtomicBoolean start(List<CsvTable.Row> rows) {
    AtomicBoolean indexed = new AtomicBoolean();
    if (rows.isEmpty() || Runtime.getRuntime().availableProcessors() < 2) {
      return indexed;
    }
    Thread.ofPlatform().daemon().name("compact-prenormalise").start(() -> {
      List<CsvTable.Row> order = new ArrayList<>(rows.size());
      rows.stream().filter(r -> !ascii(r.get("name"))).forEach(order::add);
      rows.stream().filter(r -> ascii(r.get("name"))).forEach(order::add);
      for (CsvTable.Row row : order) {
        if (indexed.get()) {
          return;
        }
        try {
          List<String> problems = new ArrayList<>();
          ScreeningQuery q = ScreenCommand.query(row.get("name"), ScreenCommand.optional(row, "type"), null, null, List.of(), problems);
          if (problems.isEmpty() && q.problems().isEmpty()) {
            NameNormaliser.normalise(q.name(), q.kind());
          }
        } catch (RuntimeException e) {
          // The screening meets the same row and reports what is wrong with it.
        }
      }
    });
    return indexed;
  }

  private static boolean ascii(String s) {
    return s == null || s.chars().allMatch(c -> c < 0x80);
  }
}
