package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.EntityName;
import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.evaluation.CsvTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An index read back from its snapshot must screen exactly as one built from the lists: same
 * candidates, same hits, same scores to the last bit, same explanations. Whoever changes the
 * index's internals or the normaliser is told here if the snapshot no longer keeps up.
 */
class IndexSnapshotTests {

  static List<SanctionsList> lists;
  static ScreeningIndex built;
  static IndexSnapshot.Built snapshot;

  @BeforeAll
  static void buildOnce() {
    lists = ListLoader.bundled();
    built = ScreeningIndex.build(lists);
    snapshot = IndexSnapshot.build(lists, "k");
  }

  @Test
  void aRestoredIndexScreensExactlyAsAFreshlyBuiltOneOnTheRealLists() throws IOException {
    ScreeningIndex restored = IndexSnapshot.restore(snapshot.bytes(), "k", lists).orElseThrow();
    Screener fresh = new Screener(built);
    Screener read = new Screener(restored);
    List<ScreeningQuery> queries = queries();

    assertThat(restored.entityCount()).isEqualTo(built.entityCount());
    assertThat(restored.nameCount()).isEqualTo(built.nameCount());
    for (int id = 0; id < built.nameCount(); id++) {
      assertThat(restored.name(id)).as("name %d", id).isEqualTo(built.name(id));
    }
    int hits = 0;
    for (ScreeningQuery query : queries) {
      ScreeningOutcome expected = fresh.screen(query, 10, 0.5);
      assertThat(read.screen(query, 10, 0.5)).as(query.name()).isEqualTo(expected);
      NormalisedName name = NameNormaliser.normalise(query.name(), query.kind());
      assertThat(read.candidates(name, query)).as(query.name()).isEqualTo(fresh.candidates(name, query));
      if (expected instanceof ScreeningOutcome.Screened s) {
        hits += s.hits().size();
      }
    }
    assertThat(queries).hasSizeGreaterThan(1_000);
    assertThat(hits).as("the comparison must cover hits, not only misses").isGreaterThan(queries.size());
  }

  @Test
  void theSnapshotOfTheSameListsIsTheSameBytes() {
    assertThat(IndexSnapshot.build(lists, "k").bytes()).isEqualTo(snapshot.bytes());
    assertThat(IndexSnapshot.build(lists, "k").index().nameCount()).isEqualTo(built.nameCount());
  }

  @Test
  void aSnapshotWrittenForAnotherKeyIsRefused() {
    assertThat(IndexSnapshot.restore(snapshot.bytes(), "another key", lists)).isEmpty();
  }

  @Test
  void otherListsAreRefusedRatherThanIndexedWithTheSnapshotsNames() {
    SanctionsList ofac = lists.get(0);
    SanctionsList un = lists.get(1);
    List<SanctionedEntity> renamed = new ArrayList<>(un.entities());
    SanctionedEntity last = renamed.getLast();
    EntityName first = last.names().getFirst();
    List<EntityName> names = new ArrayList<>(last.names());
    names.set(0, new EntityName(first.full() + " Junior", first.strength(), first.parts(), first.originalScript()));
    renamed.set(renamed.size() - 1, withNames(last, names));
    SanctionsList otherName = new SanctionsList(un.name(), un.source(), un.versionHash(), un.issued(), renamed);
    SanctionsList fewer = new SanctionsList(un.name(), un.source(), un.versionHash(), un.issued(),
        un.entities().subList(0, un.size() - 1));

    assertThat(IndexSnapshot.restore(snapshot.bytes(), "k", List.of(ofac, otherName))).isEmpty();
    assertThat(IndexSnapshot.restore(snapshot.bytes(), "k", List.of(ofac, fewer))).isEmpty();
    assertThat(IndexSnapshot.restore(snapshot.bytes(), "k", List.of(un, ofac))).isEmpty();
    assertThat(IndexSnapshot.restore(snapshot.bytes(), "k", List.of(ofac))).isEmpty();
    assertThat(IndexSnapshot.restore(snapshot.bytes(), "k", lists)).isPresent();
  }

  private static SanctionedEntity withNames(SanctionedEntity e, List<EntityName> names) {
    return new SanctionedEntity(e.id(), e.schema(), names, e.birthDates(), e.birthPlaces(), e.countries(),
        e.identifiers(), e.gender(), e.addresses(), e.programmes(), e.titles(), e.linkedTo(), e.vessel(),
        e.listName(), e.listVersion(), e.listedOn(), e.remarks());
  }

  /**
   * Listed names as written and with their words reversed (every thirtieth entity's), and both sides of
   * our labelled pairs: numbers, transliterations, legal forms, reorderings and near misses.
   */
  static List<ScreeningQuery> queries() throws IOException {
    List<ScreeningQuery> queries = new ArrayList<>();
    int e = 0;
    for (SanctionsList list : lists) {
      for (SanctionedEntity entity : list.entities()) {
        if (e++ % 30 != 0) {
          continue;
        }
        NameKind kind = ScreeningIndex.kindOf(entity.schema());
        for (EntityName name : entity.names()) {
          if (name.full().isBlank() || name.full().length() > ScreeningQuery.MAX_NAME_LENGTH) {
            continue;
          }
          queries.add(ScreeningQuery.of(name.full()).withKind(kind));
          List<String> words = new ArrayList<>(List.of(name.full().split(" ")));
          java.util.Collections.reverse(words);
          queries.add(ScreeningQuery.of(String.join(" ", words)));
        }
      }
    }
    String resource = "/screening/labelled_pairs.csv";
    try (InputStream in = IndexSnapshotTests.class.getResourceAsStream(resource)) {
      assertThat(in).isNotNull();
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      for (CsvTable.Row row : CsvTable.read(resource, reader, List.of("schema", "name1", "name2")).rows()) {
        NameKind kind = NameKind.parse(row.get("schema")).orElse(NameKind.UNKNOWN);
        queries.add(ScreeningQuery.of(row.get("name1")).withKind(kind));
        queries.add(ScreeningQuery.of(row.get("name2")).withKind(kind));
      }
    }
    return queries.stream().filter(q -> q.problems().isEmpty()).toList();
  }
}
