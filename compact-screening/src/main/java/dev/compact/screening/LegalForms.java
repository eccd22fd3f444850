package dev.compact.screening;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Legal forms and the class each maps to, so that "Corporation" equals "Corp." and "ООО" equals
 * "Limited Liability Company" while neither is ever enough for a match on its own.
 *
 * <p>Written for this project from the published names of company forms; phrases are given in
 * the Latin-ASCII, lower-case, dot-free form that {@link NameNormaliser} produces, so Cyrillic
 * forms appear as their ICU transliteration ("ooo", "akcionernoe obsestvo").
 */
final class LegalForms {

  /** Longest phrase, in parts; phrases longer than this are not looked for. */
  static final int MAX_PHRASE = 6;

  private static final Map<String, String> PHRASE_TO_CLASS = new HashMap<>();

  static {
    define("llc", "llc", "limited liability company", "limited liability co", "ooo", "o o o", "tov",
        "obsestvo s ogranicennoj otvetstvennostu", "obshchestvo s ogranichennoy otvetstvennostyu",
        "tovaristvo z obmezenou vidpovidalnistu", "srl", "s r l", "sarl", "s a r l",
        "societatea cu raspundere limitata", "societe a responsabilite limitee",
        "sociedad de responsabilidad limitada", "societa a responsabilita limitata", "sp z oo",
        "spolka z ograniczona odpowiedzialnoscia", "sro", "s r o", "spol s r o", "doo", "d o o",
        "kft", "eood", "ood", "mchj");
    define("gmbh", "gmbh", "g m b h", "gesellschaft mit beschrankter haftung", "gesmbh");
    define("ag", "ag", "aktiengesellschaft");
    define("jsc", "jsc", "joint stock company", "joint stock co", "ojsc", "open joint stock company",
        "cjsc", "closed joint stock company", "pjsc", "public joint stock company", "oao", "zao",
        "pao", "ao", "akcionernoe obsestvo", "aktsionernoe obshchestvo",
        "otkrytoe akcionernoe obsestvo", "zakrytoe akcionernoe obsestvo",
        "publicnoe akcionernoe obsestvo", "pat", "prat", "jsco");
    define("corp", "corp", "corporation", "korporacia", "korporatsiya");
    define("inc", "inc", "incorporated");
    define("co", "co", "company", "cie", "compagnie", "compania", "companhia", "kompania");
    define("ltd", "ltd", "limited", "pty ltd", "pte ltd", "pvt ltd", "private limited",
        "private limited company", "co ltd", "company limited", "pty limited", "pte limited");
    define("plc", "plc", "p l c", "public limited company", "public company limited");
    define("sa", "sa", "s a", "societe anonyme", "sociedad anonima", "sa de cv", "s a de c v",
        "spa", "s p a", "societa per azioni", "sas", "s a s", "saog", "saoc", "s a l");
    define("lp", "lp", "l p", "limited partnership");
    define("llp", "llp", "l l p", "limited liability partnership");
    define("bv", "bv", "b v", "besloten vennootschap");
    define("nv", "nv", "n v", "naamloze vennootschap");
    define("ab", "ab", "aktiebolag", "aktiebolaget");
    define("as", "a s", "aktieselskab", "aksjeselskap", "asa");
    define("kg", "kg", "kommanditgesellschaft", "gmbh co kg");
    define("se", "se", "societas europaea");
    define("ano", "ano", "avtonomnaa nekommerceskaa organizacia",
        "autonomous non commercial organization", "autonomous non profit organization");
    define("fze", "fze", "fzco", "fzc", "fz llc", "free zone establishment", "free zone company");
  }

  private LegalForms() {}

  private static void define(String legalClass, String... phrases) {
    for (String phrase : phrases) {
      PHRASE_TO_CLASS.put(phrase, legalClass);
    }
  }

  /** The class of the phrase formed by {@code words}, if it is a known legal form. */
  static Optional<String> classOf(List<String> words) {
    return Optional.ofNullable(PHRASE_TO_CLASS.get(String.join(" ", words)));
  }
}
