package dev.compact.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.EntityName;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctionsregister.ListVersion;
import dev.compact.sanctionsregister.ListVersions;
import dev.compact.sanctionsregister.SharedLists;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue #15: the re-screen through the counterparty index raises exactly the alerts that screening
 * every counterparty against the new designations raises, on a book full of near misses: the new
 * designations' names misspelt (a letter changed, dropped, doubled or two swapped, two changes in
 * long words), reordered, shortened, with an extra word, in capitals, and the names of entries that
 * did not change.
 */
class CounterpartyIndexIntegrationTests {

  @Test
  void theIndexedReScreenRaisesWhatScreeningEveryCounterpartyRaises() {
    List<ListFile> newer = SharedLists.bundledOfac2021();
    String sdn = new String(newer.getFirst().bytes(), StandardCharsets.ISO_8859_1);
    List<SanctionedEntity> all = ListFormat.OFAC.read(newer, note -> {}).entities();
    Random random = new Random(7);
    List<SanctionedEntity> added = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 40) {
      added.add(all.get(i));
    }
    Set<String> addedIds = added.stream().map(e -> e.id().value()).collect(Collectors.toSet());
    List<ListFile> older = WatchlistsIntegrationTests.replaceSdn(newer, WatchlistsIntegrationTests.without(sdn, addedIds));

    List<Watchlists.Counterparty> book = new ArrayList<>(GeneratedBook.of(2000, 3));
    int n = 0;
    for (SanctionedEntity e : added) {
      String type = e.schema() == dev.compact.sanctions.Schema.PERSON ? "person" : null;
      for (EntityName name : e.names()) {
        for (String variant : variants(name.full(), random)) {
          List<String> problems = new ArrayList<>();
          problems.addAll(dev.compact.screening.QueryText.query(variant, type, null, null, List.of(), problems).problems());
          if (!problems.isEmpty()) {
            continue;
          }
          book.add(new Watchlists.Counterparty("v" + n++, variant, random.nextBoolean() ? type : null, null, null));
        }
      }
    }
    // Names of entries that did not change: they alerted at registration, not again.
    for (int i = 7; i < all.size(); i += 97) {
      book.add(new Watchlists.Counterparty("u" + n++, all.get(i).primaryName().full(), null, null, null));
    }

    Set<String> indexed = alerts(older, newer, book, true);
    Set<String> everyone = alerts(older, newer, book, false);

    assertThat(indexed).hasSizeGreaterThan(200).isEqualTo(everyone);
  }

  /** The alerts (counterparty and entry) the re-screen after the newer version raises, one way or the other, on a fresh record. */
  private static Set<String> alerts(List<ListFile> older, List<ListFile> newer, List<Watchlists.Counterparty> book, boolean indexed) {
    try (RecordService record = new RecordService(TestDatabases.fresh("sqlite"), dev.compact.engine.Engine.of(SharedLists.kyivCompact()),
        WatchlistsIntegrationTests.CLOCK)) {
      ListVersions versions = new ListVersions(record);
      Watchlists watchlists = new Watchlists(record.database(), WatchlistsIntegrationTests.CLOCK, versions,
          () -> new Screener(ScreeningIndex.build(versions.inForce(LocalDate.parse("2026-11-01")).stream().map(versions::list).toList())));
      WatchlistsIntegrationTests.record(versions, older, "2020-01-01", false);
      watchlists.register(WatchlistsIntegrationTests.BANK, book);
      ListVersion v2 = WatchlistsIntegrationTests.record(versions, newer, "2021-07-07", false);
      Watchlists.Rescreen rescreen = indexed ? watchlists.rescreen(v2) : watchlists.rescreenEveryCounterparty(v2);
      if (indexed) {
        assertThat(rescreen.counterparties()).as("candidates screened").isLessThan(rescreen.book());
      }
      return rescreen.alerts().stream().map(a -> a.counterpartyId() + " " + a.entityId()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** The name as written and misspelt, reordered, shortened, lengthened and in capitals. */
  static List<String> variants(String name, Random random) {
    List<String> variants = new ArrayList<>();
    variants.add(name);
    variants.add(edit(name, random));
    variants.add(edit(edit(name, random), random));
    String[] words = name.split("\\s+");
    if (words.length > 1) {
      List<String> reversed = new ArrayList<>(List.of(words));
      java.util.Collections.reverse(reversed);
      variants.add(String.join(" ", reversed));
      variants.add(words[0] + " " + words[words.length - 1]);
    }
    variants.add(name + " Ivanovich");
    variants.add(name.toUpperCase(Locale.ROOT));
    return variants;
  }

  /** One edit in a random word of three letters or more: a letter changed, dropped, doubled, or two swapped. */
  static String edit(String name, Random random) {
    char[] chars = name.toCharArray();
    List<Integer> letters = new ArrayList<>();
    for (int i = 1; i + 1 < chars.length; i++) {
      if (Character.isLetter(chars[i]) && Character.isLetter(chars[i - 1]) && Character.isLetter(chars[i + 1])) {
        letters.add(i);
      }
    }
    if (letters.isEmpty()) {
      return name;
    }
    int at = letters.get(random.nextInt(letters.size()));
    StringBuilder out = new StringBuilder(name);
    switch (random.nextInt(4)) {
      case 0 -> out.setCharAt(at, (char) ('a' + random.nextInt(26)));
      case 1 -> out.deleteCharAt(at);
      case 2 -> out.insert(at, chars[at]);
      default -> {
        out.setCharAt(at, chars[at + 1]);
        out.setCharAt(at + 1, chars[at]);
      }
    }
    return out.toString();
  }
}
