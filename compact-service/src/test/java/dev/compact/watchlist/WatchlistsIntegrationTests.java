package dev.compact.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.access.Actor;
import dev.compact.access.Forbidden;
import dev.compact.access.Role;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.Schema;
import dev.compact.sanctionsregister.ListVersion;
import dev.compact.sanctionsregister.ListVersions;
import dev.compact.sanctionsregister.SharedLists;
import dev.compact.screening.Hit;
import dev.compact.screening.QueryText;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.service.NotFound;
import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WatchlistsIntegrationTests {
  static final Actor SECRETARIAT = new Actor("secretariat", Set.of(new Role.Secretariat()), false);
  static final Actor BANK = new Actor("bank-a", Set.of(new Role.Compliance()), false);
  static final Actor OTHER_BANK = new Actor("bank-b", Set.of(new Role.Compliance()), false);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

  static java.util.stream.Stream<String> kinds() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void exactlyTheCounterpartiesThatNewlyMatchRaiseAlertsAndAFalsePositiveStaysQuietUntilItsEntryChanges(String kind) {
    List<ListFile> newer = SharedLists.bundledOfac2021();
    String sdn = new String(newer.getFirst().bytes(), StandardCharsets.ISO_8859_1);
    List<SanctionedEntity> people = ListFormat.OFAC.read(newer, note -> {}).entities().stream()
        .filter(e -> e.schema() == Schema.PERSON).toList();
    List<SanctionedEntity> added = people.subList(100, 140);
    List<SanctionedEntity> both = people.subList(500, 505);
    Set<String> addedIds = added.stream().map(e -> e.id().value()).collect(Collectors.toSet());
    List<ListFile> older = replaceSdn(newer, without(sdn, addedIds));

    try (RecordService record = new RecordService(TestDatabases.fresh(kind),
        dev.compact.engine.Engine.of(SharedLists.kyivCompact()), CLOCK)) {
      ListVersions versions = new ListVersions(record);
      Watchlists watchlists = new Watchlists(record.database(), CLOCK, versions,
          () -> new Screener(ScreeningIndex.build(versions.inForce(LocalDate.parse("2026-11-01")).stream().map(versions::list).toList())));
      ListVersion v1 = record(versions, older, "2020-01-01", false);

      List<Watchlists.Counterparty> rows = new ArrayList<>(GeneratedBook.of(1500, 15));
      added.subList(0, 10).forEach(e -> rows.add(new Watchlists.Counterparty("new-" + e.id().value(), e.primaryName().full(), "person", null, null)));
      both.forEach(e -> rows.add(new Watchlists.Counterparty("old-" + e.id().value(), e.primaryName().full(), "person", null, null)));
      Watchlists.Registered registered = watchlists.register(BANK, rows);
      watchlists.register(OTHER_BANK, List.of(new Watchlists.Counterparty("x", both.getFirst().primaryName().full(), null, null, null)));

      assertThat(ids(registered.alerts())).containsAll(both.stream().map(e -> "old-" + e.id().value()).toList());
      assertThat(registered.alerts()).extracting(Watchlists.Alert::entityId).noneMatch(addedIds::contains);
      Watchlists.Alert falsePositive = registered.alerts().stream().filter(a -> a.counterpartyId().equals("old-" + both.getFirst().id().value()))
          .findFirst().orElseThrow();
      watchlists.decide(BANK, falsePositive.alertId(), Watchlists.Verdict.FALSE_POSITIVE, "another person, born 1990");

      ListVersion v2 = record(versions, newer, "2021-07-07", false);
      Watchlists.Rescreen incremental = watchlists.rescreen(v2);

      // Independently: screen every counterparty against the whole new version and keep the hits on entries it added.
      Screener full = new Screener(ScreeningIndex.build(List.of(versions.list(v2))));
      Set<String> expected = new HashSet<>();
      for (Watchlists.Counterparty c : rows) {
        if (full.screen(QueryText.query(c.name(), c.type(), null, null, List.of(), new ArrayList<>()), Watchlists.LIMIT)
            instanceof ScreeningOutcome.Screened s && s.hits().stream().map(Hit::entity).anyMatch(e -> addedIds.contains(e.id().value()))) {
          expected.add(c.id());
        }
      }
      assertThat(incremental.designations()).isEqualTo(40);
      assertThat(incremental.book()).isEqualTo(rows.size() + 1);
      // The counterparty index screened only those the new designations could match (a generated book
      // repeats 50 names, so a few near ones among the 40 new designations' names pull in a good share).
      assertThat(incremental.counterparties()).isLessThan(incremental.book() * 3 / 4);
      assertThat(ids(incremental.alerts().stream().filter(a -> a.account().equals(BANK.name())).toList())).isEqualTo(expected)
          .containsAll(added.subList(0, 10).stream().map(e -> "new-" + e.id().value()).toList());
      assertThat(watchlists.alerts(BANK, Optional.of("false-positive"))).extracting(Watchlists.Alert::alertId)
          .containsExactly(falsePositive.alertId());

      // The entry behind the false positive changes: it is looked at again; nothing else is raised twice.
      String id = both.getFirst().id().value();
      ListVersion v3 = record(versions, replaceSdn(newer, sdn.replaceFirst("(?m)^(" + id + ",\"[^\"]*\",\"individual\",\"[^\"]*)\"", "$1] [SDGT\"")), "2022-01-01", true);
      Watchlists.Rescreen again = watchlists.rescreen(v3);
      assertThat(again.designations()).isEqualTo(1);
      assertThat(again.alerts()).extracting(Watchlists.Alert::counterpartyId).contains("old-" + id, "x");
      assertThat(again.alerts()).filteredOn(a -> a.account().equals(BANK.name())).extracting(Watchlists.Alert::counterpartyId)
          .containsOnly("old-" + id);

      // Decisions are kept with who and when; another account sees neither the alert nor its decisions.
      assertThat(watchlists.decisions(BANK, falsePositive.alertId())).singleElement()
          .satisfies(d -> assertThat(d.by()).isEqualTo("bank-a"));
      assertThat(watchlists.alerts(OTHER_BANK, Optional.empty())).extracting(Watchlists.Alert::counterpartyId).containsOnly("x");
      assertThatThrownBy(() -> watchlists.decide(OTHER_BANK, falsePositive.alertId(), Watchlists.Verdict.CONFIRMED, "mine?"))
          .isInstanceOf(NotFound.class);
      assertThatThrownBy(() -> watchlists.alerts(SECRETARIAT, Optional.empty())).isInstanceOf(Forbidden.class);
    }
  }

  static ListVersion record(ListVersions versions, List<ListFile> files, String date, boolean allowShrink) {
    return versions.importVersion(new ListVersions.Request(ListFormat.OFAC, files, Optional.of(LocalDate.parse(date)), allowShrink),
        SECRETARIAT, note -> {}).version();
  }

  static Set<String> ids(List<Watchlists.Alert> alerts) {
    return alerts.stream().map(Watchlists.Alert::counterpartyId).collect(Collectors.toSet());
  }

  static String without(String sdn, Set<String> ids) {
    return sdn.lines().filter(line -> !ids.contains(line.split(",", 2)[0])).collect(Collectors.joining("\r\n", "", "\r\n"));
  }

  static List<ListFile> replaceSdn(List<ListFile> files, String sdn) {
    List<ListFile> replaced = new ArrayList<>(files);
    replaced.set(0, new ListFile("sdn.csv", sdn.getBytes(StandardCharsets.ISO_8859_1)));
    return replaced;
  }
}
