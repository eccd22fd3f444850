package dev.compact.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Given names and their nicknames and short forms: "Bill" and "William", "Peggy" and "Margaret",
 * "Sasha" and "Alexander". Two words are related when they belong to one group.
 *
 * <p>English names come from the "nickname-and-diminutive-names-lookup" CSV by Carlton Northern
 * and Old Dominion University (Apache License 2.0), bundled unchanged at {@code
 * screening/nicknames/names.csv} with its licence beside it. Russian, Ukrainian and Spanish short
 * forms, which that file lacks, are our own table below, from common usage. The data is read once
 * from the classpath when the class loads; it is part of the code, so the matcher stays a pure
 * function of its inputs.
 */
final class Nicknames {

  static final String RESOURCE = "/screening/nicknames/names.csv";

  /** Our own groups: full forms first, then short forms. */
  private static final List<String> OURS = List.of(
      "alexander,aleksandr,alexandr,oleksandr,aliaksandr,sasha,sanya,shura,sashko",
      "alexandra,aleksandra,sasha,shura", "mikhail,mykhailo,misha,mishka",
      "vladimir,volodymyr,uladzimir,volodya,vova,volodia", "dmitry,dmitri,dmitriy,dmytro,dima,mitya",
      "nikolai,nikolay,mykola,kolya,kolia", "sergei,sergey,serhiy,seryozha,serezha,serzh",
      "pavel,pavlo,pasha", "yevgeny,evgeny,evgeniy,yevgeniy,yevhen,zhenya,zhenia",
      "ekaterina,yekaterina,katerina,katya,katia", "natalia,natalya,nataliya,natasha",
      "ivan,vanya,vania", "anastasia,anastasiya,nastya,nastia", "tatiana,tatyana,tanya,tania",
      "maria,mariya,masha,manya", "elena,yelena,olena,lena", "olga,olya,olia",
      "yulia,yuliya,julia,yulya", "boris,borya", "alexei,aleksei,alexey,aleksey,oleksiy,lyosha,alyosha",
      "andrei,andrey,andriy,andryusha", "konstantin,kostya,kostia", "vyacheslav,slava",
      "yaroslav,slava", "stanislav,stas", "anatoly,anatoliy,tolya", "viktor,victor,vitya",
      "grigory,grigoriy,hryhoriy,grisha", "yakov,yasha", "leonid,lyonya", "roman,roma",
      "arkady,arkadiy,arkasha", "jose,pepe,chepe", "francisco,paco,pancho,curro,frank",
      "manuel,manolo,manu", "guillermo,memo", "jesus,chucho,chuy", "ignacio,nacho",
      "enrique,kike", "alejandro,alex,alejo,jando", "roberto,beto,tito", "eduardo,lalo",
      "alberto,beto", "rafael,rafa", "fernando,nando", "antonio,tono,toni",
      "dolores,lola", "concepcion,concha,conchita", "mercedes,meche");

  private static final Map<String, int[]> GROUPS = load();

  private Nicknames() {}

  /** Whether two different words are a name and its nickname, or two forms of one name. */
  static boolean related(String a, String b) {
    // Most words are in no group: the filter says so from their cached hash codes, before the map
    // is probed at all.
    if (!mayHave(a) || !mayHave(b)) {
      return false;
    }
    int[] ga = GROUPS.get(a);
    int[] gb = GROUPS.get(b);
    if (ga == null || gb == null) {
      return false;
    }
    for (int x : ga) {
      for (int y : gb) {
        if (x == y) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The word's groups as bits (group number modulo 64), 0 for a word in none: {@link #related}
   * is false for two words whose bits do not meet, since related words share a group.
   */
  static long groupBits(String word) {
    int[] groups = mayHave(word) ? GROUPS.get(word) : null;
    long bits = 0;
    if (groups != null) {
      for (int group : groups) {
        bits |= 1L << (group & 63);
      }
    }
    return bits;
  }

  /** Bits of the hash codes of the words in some group: a clear bit means no group has the word. */
  private static final long[] FILTER = filter(GROUPS.keySet());

  private static final int FILTER_BITS = 1 << 16;

  private static long[] filter(java.util.Set<String> words) {
    long[] bits = new long[FILTER_BITS / 64];
    for (String word : words) {
      int bit = word.hashCode() & (FILTER_BITS - 1);
      bits[bit >>> 6] |= 1L << bit;
    }
    return bits;
  }

  private static boolean mayHave(String word) {
    int bit = word.hashCode() & (FILTER_BITS - 1);
    return (FILTER[bit >>> 6] & 1L << bit) != 0;
  }

  private static Map<String, int[]> load() {
    List<String> rows = new ArrayList<>(OURS);
    try (InputStream in = Nicknames.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          rows.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<Integer>> groups = new HashMap<>();
    for (int g = 0; g < rows.size(); g++) {
      for (String name : rows.get(g).split(",")) {
        String word = name.strip().replace(".", "");
        if (word.length() >= 2) {
          List<Integer> list = groups.computeIfAbsent(word, k -> new ArrayList<>());
          if (!list.contains(g)) {
            list.add(g);
          }
        }
      }
    }
    Map<String, int[]> out = new HashMap<>();
    groups.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return Map.copyOf(out);
  }
}
