package dev.compact.cli;

import com.ibm.icu.text.Transliterator;
import dev.compact.screening.NameNormaliser;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.evaluation.CsvTable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code screen --batch}'s warm-up: the batch's names normalised on the second core while the lists
 * and the index load.
 *
 * <p>The normaliser keeps each word it has read, and ICU compiles each script's transliteration
 * rules once per process (Han to Latin alone costs a few hundred milliseconds of CPU before the JIT
 * has compiled ICU's parser), so the screening finds much of its first work done; the results are
 * the same either way. ICU does not hold other threads back while it compiles a script's rules: two
 * screening threads that meet the first Han name at once both compile them. So the first name of
 * each script in the batch is always normalised here, and the screening waits for those ({@link
 * #indexReady()}); the other names, non-Latin first, only until the index is ready, so that this
 * thread never competes with the screening.
 */
final class Prenormaliser {

  private final AtomicBoolean indexed = new AtomicBoolean();
  private final CountDownLatch scriptsDone = new CountDownLatch(1);

  private Prenormaliser() {}

  /** Starts on a thread of its own when there are rows and a second core, otherwise does nothing. */
  static Prenormaliser start(List<CsvTable.Row> rows) {
    Prenormaliser p = new Prenormaliser();
    if (rows.isEmpty() || Runtime.getRuntime().availableProcessors() < 2) {
      p.scriptsDone.countDown();
      return p;
    }
    Thread.ofPlatform().daemon().name("compact-prenormalise").start(() -> p.run(rows));
    return p;
  }

  /**
   * The index is ready: waits until the first name of each script has been normalised, then stops
   * the rest of the warm-up.
   */
  void indexReady() {
    indexed.set(true);
    try {
      scriptsDone.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the warm-up without waiting (the command ends, or failed before its index was ready). */
  void stop() {
    indexed.set(true);
  }

  private void run(List<CsvTable.Row> rows) {
    List<CsvTable.Row> firsts = new ArrayList<>();
    List<CsvTable.Row> others = new ArrayList<>();
    List<CsvTable.Row> latin = new ArrayList<>();
    Set<Character.UnicodeScript> seen = EnumSet.noneOf(Character.UnicodeScript.class);
    try {
      for (CsvTable.Row row : rows) {
        Set<Character.UnicodeScript> scripts = scripts(row.get("name"));
        if (!seen.containsAll(scripts)) {
          seen.addAll(scripts);
          firsts.add(row);
        } else if (latinOnly(scripts)) {
          latin.add(row);
        } else {
          others.add(row);
        }
      }
      // ICU compiles each script's rules to Latin on a thread of its own, while this one builds the
      // normaliser's tables (its class initialisation, through a Latin name): the two are the
      // costliest parts of the warm-up, and neither needs the other.
      CsvTable.Row latinFirst = firsts.stream().filter(r -> latinOnly(scripts(r.get("name")))).findFirst().orElse(null);
      List<String> scripts = firsts.stream().filter(r -> r != latinFirst).map(r -> r.get("name")).toList();
      Thread icu = Thread.ofPlatform().daemon().name("compact-icu-warm-up").start(() -> {
        try {
          Transliterator toLatin = Transliterator.getInstance("Any-Latin");
          scripts.forEach(toLatin::transliterate);
        } catch (RuntimeException e) {
          // Only a warm-up: the normaliser meets the same names and reports what it must.
        }
      });
      if (latinFirst != null) {
        normalise(latinFirst);
      }
      icu.join();
      firsts.stream().filter(r -> r != latinFirst).forEach(Prenormaliser::normalise);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      scriptsDone.countDown();
    }
    for (List<CsvTable.Row> group : List.of(others, latin)) {
      for (CsvTable.Row row : group) {
        if (indexed.get()) {
          return;
        }
        normalise(row);
      }
    }
  }

  private static void normalise(CsvTable.Row row) {
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

  private static boolean latinOnly(Set<Character.UnicodeScript> scripts) {
    return scripts.isEmpty() || scripts.equals(Set.of(Character.UnicodeScript.LATIN));
  }

  /** The scripts of a name's letters (common and inherited characters left out). */
  static Set<Character.UnicodeScript> scripts(String name) {
    Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
    if (name == null) {
      return scripts;
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      if (cp >= 0x80 || Character.isLetter(cp)) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED
            && script != Character.UnicodeScript.UNKNOWN) {
          scripts.add(script);
        }
      }
    }
    return scripts;
  }
}
