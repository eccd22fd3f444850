package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ListDiffTests {

  private static SanctionsList v2019;
  private static SanctionsList v2021;
  private static ListDiff diff;

  @BeforeAll
  static void loadBothReleases() {
    v2019 = TestLists.ofac("ofac_sdn_2019", true);
    v2021 = ListLoader.bundledOfacSdn();
    diff = ListDiff.between(v2019, v2021);
  }

  @Test
  void findsTheEntriesAddedAndRemovedBetween2019And2021() {
    // Counted independently: the set difference of the ent_num column, read line by line here
    // (and 1858 / 261 with Python's csv module).
    Set<String> ids2019 = entNums(TestLists.resource("ofac_sdn_2019/sdn.csv.gz"));
    Set<String> ids2021 = entNums(TestLists.resource("../lists/ofac_sdn_2021/sdn.csv"));
    Set<String> added = new TreeSet<>(ids2021);
    added.removeAll(ids2019);
    Set<String> removed = new TreeSet<>(ids2019);
    removed.removeAll(ids2021);

    assertThat(diff.added()).hasSize(1858);
    assertThat(diff.removed()).hasSize(261);
    assertThat(diff.added().stream().map(e -> e.id().value()).collect(Collectors.toSet())).isEqualTo(added);
    assertThat(diff.removed().stream().map(e -> e.id().value()).collect(Collectors.toSet())).isEqualTo(removed);
  }

  @Test
  void findsTheProgrammeChangesBetween2019And2021() {
    // Python's csv module: 311 of the 7118 entries in both releases have a different Program column.
    assertThat(diff.changesByField()).containsEntry(ListDiff.Field.PROGRAMMES, 311);
    assertThat(diff.changed()).extracting(c -> c.id().value()).contains("2674", "2675", "2676");
  }

  @Test
  void findsNameChangesInPrimaryNamesAndAliases() {
    // Python: 20 entries changed SDN_Name and 81 their set of alt.csv names; both are name changes.
    Set<String> renamed = diff.changed().stream()
        .filter(c -> c.fields().containsKey(ListDiff.Field.NAMES))
        .map(c -> c.id().value())
        .collect(Collectors.toSet());
    assertThat(renamed).contains("906", "10392", "11620", "12299", "12610");
    assertThat(renamed.size()).isBetween(81, 20 + 81 + 200);
  }

  @Test
  void reportsTheOldAndNewValuesOfAChangedField() {
    ListDiff.Change change = diff.changed().stream()
        .filter(c -> c.id().value().equals("2674")).findFirst().orElseThrow();
    ListDiff.FieldChange programmes = change.fields().get(ListDiff.Field.PROGRAMMES);

    assertThat(programmes.removed()).isNotEmpty();
    assertThat(programmes.added()).isNotEmpty();
    assertThat(programmes.removed()).doesNotContainAnyElementsOf(programmes.added());
  }

  @Test
  void findsNothingBetweenAListAndItself() {
    assertThat(ListDiff.between(v2021, ListLoader.bundledOfacSdn()).isEmpty()).isTrue();
  }

  @Test
  void seesAChangedIdentifierInTwoHandMadeVersions() {
    SanctionedEntity before = SanctionedEntity.builder("1", Schema.VESSEL)
        .name(EntityName.primary("TASCA"))
        .identifier(new Identifier(IdentifierType.IMO, "9313149"))
        .build();
    SanctionedEntity after = SanctionedEntity.builder("1", Schema.VESSEL)
        .name(EntityName.primary("TASCA"))
        .identifier(new Identifier(IdentifierType.IMO, "9313150"))
        .build();
    ListDiff d = ListDiff.between(list(before), list(after));

    assertThat(d.changed()).singleElement().satisfies(c -> {
      assertThat(c.fields()).containsOnlyKeys(ListDiff.Field.IDENTIFIERS);
      assertThat(c.fields().get(ListDiff.Field.IDENTIFIERS).removed()).containsExactly("IMO 9313149");
      assertThat(c.fields().get(ListDiff.Field.IDENTIFIERS).added()).containsExactly("IMO 9313150");
    });
  }

  private static SanctionsList list(SanctionedEntity e) {
    return new SanctionsList("L", "", "", Optional.empty(), List.of(e));
  }

  private static Set<String> entNums(SourceBytes sdn) {
    Set<String> ids = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^(\\d+),").matcher(new String(sdn.bytes(), StandardCharsets.ISO_8859_1));
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }
}
