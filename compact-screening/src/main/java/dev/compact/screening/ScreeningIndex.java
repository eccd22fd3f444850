package dev.compact.screening;

import dev.compact.sanctions.EntityName;
import dev.compact.sanctions.Identifier;
import dev.compact.sanctions.NameStrength;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctions.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * An immutable in-memory index of listed entities: every name normalised once, with postings
 * from exact tokens, romanisation-folded tokens, Double Metaphone keys and character trigrams to
 * the names that contain them, and from identifier values to entities.
 *
 * <p>Built once and never changed, so any number of threads may query it and a service can swap
 * in a new one atomically; queries never copy the corpus.
 */
public final class ScreeningIndex {

  /** Bits of {@link #nameEntity} that hold the entity's kind. */
  private static final int KIND_BITS = 2;
  private static final NameKind[] KINDS = NameKind.values();

  static {
    if (KINDS.length > 1 << KIND_BITS) {
      throw new IllegalStateException("NameKind no longer fits in " + KIND_BITS + " bits");
    }
  }

  /** Trigram symbols: a-z, 0-9 and the two boundary marks; a trigram is a number below 38³. */
  static final int SYMBOLS = 38;

  private final List<SanctionsList> lists;
  private final SanctionedEntity[] entities;
  private final NormalisedName[] names;
  /** Each name prepared once for alignment, so that a screening compares arrays. */
  private final PreparedName[] prepared;
  /** Distinct name parts, numbered 0 to partCount - 1 in {@link PreparedName#ids}. */
  private final int partCount;
  /** The names' part ids as flat arrays, for ruling names out in ranking. */
  private final NameTable table;
  private final NameStrength[] nameStrengths;
  /**
   * Per name, its entity shifted left by two and the entity's {@link NameKind} in the low bits:
   * candidate generation reads both for each name it selects, so it reads one array rather than
   * two (each read a cache miss at a million entities).
   */
  private final int[] nameEntity;
  /**
   * Per entity (and one past the last), its first name id in the high half and that name's
   * header position in the {@link NameTable} in the low half: ranking walks an entity's names in
   * the table from this one read (see {@link #names(int)}).
   */
  private final long[] entityNames;
  private final Map<String, int[]> tokens;
  private final Map<String, int[]> folded;
  private final Map<String, int[]> phonetic;
  private final int[][] trigrams;
  private final Map<String, int[]> identifiers;

  private ScreeningIndex(List<SanctionsList> lists, SanctionedEntity[] entities,
      NameKind[] entityKinds, NormalisedName[] names, NameStrength[] nameStrengths,
      int[] nameEntity, int[] entityNameStart, Postings postings,
      Map<String, int[]> identifiers) {
    this.lists = lists;
    this.entities = entities;
    this.names = names;
    this.prepared = new PreparedName[names.length];
    // Equal parts (names share them: "mohammad", "trading") get one id, by which a query
    // memoises its part similarities.
    Map<NamePart, Integer> partIds = new HashMap<>();
    for (int k = 0; k < names.length; k++) {
      List<NamePart> parts = names[k].parts();
      int[] ids = new int[parts.size()];
      for (int p = 0; p < ids.length; p++) {
        Integer id = partIds.putIfAbsent(parts.get(p), partIds.size());
        ids[p] = id == null ? partIds.size() - 1 : id;
      }
      prepared[k] = new PreparedName(names[k], ids);
    }
    this.partCount = partIds.size();
    NamePart[] partsById = new NamePart[partCount];
    partIds.forEach((part, id) -> partsById[id] = part);
    boolean[] weakAlias = new boolean[names.length];
    for (int k = 0; k < names.length; k++) {
      weakAlias[k] = nameStrengths[k] == NameStrength.WEAK_ALIAS;
    }
    this.table = NameTable.of(prepared, partsById, weakAlias);
    this.nameStrengths = nameStrengths;
    if (entities.length > Integer.MAX_VALUE >>> KIND_BITS) {
      throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE >>> KIND_BITS)
          + " entities can be indexed; got " + entities.length);
    }
    this.nameEntity = new int[nameEntity.length];
    for (int k = 0; k < nameEntity.length; k++) {
      this.nameEntity[k] = nameEntity[k] << KIND_BITS | entityKinds[nameEntity[k]].ordinal();
    }
    this.entityNames = new long[entityNameStart.length];
    for (int e = 0; e < entityNameStart.length; e++) {
      int first = entityNameStart[e];
      int header = first < names.length ? table.header(first) : table.flat().length;
      entityNames[e] = (long) first << 32 | header;
    }
    this.tokens = freeze(postings.tokens);
    this.folded = freeze(postings.folded);
    this.phonetic = freeze(postings.phonetic);
    this.trigrams = new int[postings.trigrams.length][];
    for (int g = 0; g < trigrams.length; g++) {
      trigrams[g] = postings.trigrams[g] == null ? EMPTY : postings.trigrams[g].toArray();
    }
    this.identifiers = identifiers;
  }

  /** Indexes every entity of the given lists. */
  public static ScreeningIndex build(List<SanctionsList> lists) {
    return build(lists, NameNormaliser::normalise);
  }

  /**
   * As {@link #build(List)}, with each listed name normalised by {@code normaliser}, called with the
   * name and its entity's kind in list, entity and name order: an {@link IndexSnapshot} hands back
   * the names it stored rather than normalising them again.
   */
  static ScreeningIndex build(List<SanctionsList> lists,
      BiFunction<String, NameKind, NormalisedName> normaliser) {
    int entityCount = lists.stream().mapToInt(SanctionsList::size).sum();
    SanctionedEntity[] entities = new SanctionedEntity[entityCount];
    NameKind[] kinds = new NameKind[entityCount];
    List<NormalisedName> names = new ArrayList<>(entityCount * 2);
    List<NameStrength> strengths = new ArrayList<>(entityCount * 2);
    IntList nameEntity = new IntList(entityCount * 2);
    int[] entityNameStart = new int[entityCount + 1];
    Postings postings = new Postings();
    Map<String, IntList> identifiers = new HashMap<>();
    int e = 0;
    for (SanctionsList list : lists) {
      for (SanctionedEntity entity : list.entities()) {
        entities[e] = entity;
        entityNameStart[e] = names.size();
        NameKind kind = kindOf(entity.schema());
        kinds[e] = kind;
        for (EntityName name : entity.names()) {
          NormalisedName normalised = normaliser.apply(name.full(), kind);
          if (normalised.isEmpty()) {
            continue;
          }
          int nameId = names.size();
          names.add(normalised);
          strengths.add(name.strength());
          nameEntity.add(e);
          postings.add(normalised, nameId);
        }
        for (Identifier identifier : entity.identifiers()) {
          identifiers.computeIfAbsent(identifierKey(identifier), k -> new IntList(1))
              .addDistinct(e);
        }
        e++;
      }
    }
    entityNameStart[entityCount] = names.size();
    return new ScreeningIndex(List.copyOf(lists), entities, kinds,
        names.toArray(NormalisedName[]::new), strengths.toArray(NameStrength[]::new),
        nameEntity.toArray(), entityNameStart, postings, freeze(identifiers));
  }

  /** The kind of name an entity of this schema carries. */
  public static NameKind kindOf(Schema schema) {
    return switch (schema) {
      case PERSON -> NameKind.PERSON;
      case ORGANIZATION, COMPANY -> NameKind.ORGANISATION;
      case VESSEL -> NameKind.VESSEL;
      case AIRCRAFT -> NameKind.UNKNOWN;
    };
  }

  /** The lookup key of an identifier value: its normalised form, whatever its declared type. */
  static String identifierKey(Identifier identifier) {
    return identifier.normalisedValue();
  }

  /**
   * Build-time postings of a name: each word and number, its folded form and phonetic key, and the
   * trigrams of each word padded with boundary marks. Particles, initials and legal forms are not
   * indexed: they would only make every query touch most names.
   */
  private static final class Postings {
    final Map<String, IntList> tokens = new HashMap<>();
    final Map<String, IntList> folded = new HashMap<>();
    final Map<String, IntList> phonetic = new HashMap<>();
    final IntList[] trigrams = new IntList[SYMBOLS * SYMBOLS * SYMBOLS];
    private final int[] grams = new int[64];

    void add(NormalisedName name, int nameId) {
      for (NamePart part : name.parts()) {
        if (part.kind() != PartKind.WORD && part.kind() != PartKind.NUMBER) {
          continue;
        }
        tokens.computeIfAbsent(part.text(), k -> new IntList(2)).addDistinct(nameId);
        if (part.number() >= 0) {
          tokens.computeIfAbsent(numberKey(part.number()), k -> new IntList(2))
              .addDistinct(nameId);
        }
        for (String variant : part.variants()) {
          tokens.computeIfAbsent(variant, k -> new IntList(2)).addDistinct(nameId);
        }
        if (part.kind() == PartKind.NUMBER) {
          continue;
        }
        folded.computeIfAbsent(part.folded(), k -> new IntList(2)).addDistinct(nameId);
        if (!part.phonetic().isEmpty()) {
          phonetic.computeIfAbsent(part.phonetic(), k -> new IntList(2)).addDistinct(nameId);
        }
        int count = trigrams(part.text(), grams);
        for (int k = 0; k < count; k++) {
          IntList list = trigrams[grams[k]];
          if (list == null) {
            list = new IntList(4);
            trigrams[grams[k]] = list;
          }
          list.addDistinct(nameId);
        }
      }
    }
  }

  /** The token key under which every way of writing a number is posted ("2", "2nd", "second"). */
  static String numberKey(int value) {
    return "#" + value;
  }

  /**
   * Writes the trigram codes of {@code ^word$} into {@code out} and returns how many; a word with
   * characters outside a-z and 0-9 (an untransliterated script) has none.
   */
  static int trigrams(String word, int[] out) {
    int n = word.length() + 2;
    if (n - 2 > out.length) {
      return 0;
    }
    int count = 0;
    for (int i = 0; i + 3 <= n; i++) {
      int a = symbol(word, i - 1);
      int b = symbol(word, i);
      int c = symbol(word, i + 1);
      if (a < 0 || b < 0 || c < 0) {
        return 0;
      }
      out[count++] = (a * SYMBOLS + b) * SYMBOLS + c;
    }
    return count;
  }

  /** The symbol at position {@code i} of the padded word, -1 outside the alphabet. */
  private static int symbol(String word, int i) {
    if (i < 0) {
      return 36;
    }
    if (i >= word.length()) {
      return 37;
    }
    char ch = word.charAt(i);
    if (ch >= 'a' && ch <= 'z') {
      return ch - 'a';
    }
    if (ch >= '0' && ch <= '9') {
      return 26 + ch - '0';
    }
    return -1;
  }

  private static Map<String, int[]> freeze(Map<String, IntList> lists) {
    Map<String, int[]> frozen = new HashMap<>(lists.size() * 4 / 3 + 1);
    lists.forEach((k, v) -> frozen.put(k, v.toArray()));
    return Collections.unmodifiableMap(frozen);
  }

  public List<SanctionsList> lists() {
    return lists;
  }

  public int entityCount() {
    return entities.length;
  }

  public int nameCount() {
    return names.length;
  }

  /** How many distinct name parts the listed names have. */
  int partCount() {
    return partCount;
  }

  /** The entity at an index position, as returned by {@link Screener#candidates}. */
  public SanctionedEntity entityAt(int index) {
    return entities[index];
  }

  SanctionedEntity entity(int index) {
    return entities[index];
  }

  NormalisedName name(int nameId) {
    return names[nameId];
  }

  NameTable table() {
    return table;
  }

  PreparedName prepared(int nameId) {
    return prepared[nameId];
  }

  NameStrength nameStrength(int nameId) {
    return nameStrengths[nameId];
  }

  int entityOfName(int nameId) {
    return nameEntity[nameId] >>> KIND_BITS;
  }

  /** The name's entity and its kind in one int: see {@link #packedEntity} and {@link #packedKind}. */
  int entityAndKind(int nameId) {
    return nameEntity[nameId];
  }

  static int packedEntity(int entityAndKind) {
    return entityAndKind >>> KIND_BITS;
  }

  static NameKind packedKind(int entityAndKind) {
    return KINDS[entityAndKind & (1 << KIND_BITS) - 1];
  }

  /** The names holding the word {@code text}, ascending; never null. */
  int[] tokenPostings(String text) {
    return tokens.getOrDefault(text, EMPTY);
  }

  /** The names holding a word whose folded form is {@code text}. */
  int[] foldedPostings(String text) {
    return folded.getOrDefault(text, EMPTY);
  }

  /** The names holding a word with this Double Metaphone key. */
  int[] phoneticPostings(String key) {
    return phonetic.getOrDefault(key, EMPTY);
  }

  /** The names holding a word with this trigram code. */
  int[] trigramPostings(int code) {
    return trigrams[code];
  }

  /** The entities carrying an identifier with this normalised value. */
  int[] entitiesWithIdentifier(String normalisedValue) {
    int[] list = identifiers.get(normalisedValue);
    return list == null ? EMPTY : list;
  }

  /** The first name id of an entity; its names run up to the next entity's first. */
  int firstName(int entity) {
    return (int) (entityNames[entity] >>> 32);
  }

  int endName(int entity) {
    return (int) (entityNames[entity + 1] >>> 32);
  }

  /** The entity's first name id and its header position in the table: see {@link #entityNames}. */
  long names(int entity) {
    return entityNames[entity];
  }

  private static final int[] EMPTY = new int[0];

  /** A growable int array; build-time only. */
  static final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
      values = new int[Math.max(1, capacity)];
    }

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    /** Adds unless it equals the last value (values arrive in ascending order). */
    void addDistinct(int value) {
      if (size == 0 || values[size - 1] != value) {
        add(value);
      }
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
