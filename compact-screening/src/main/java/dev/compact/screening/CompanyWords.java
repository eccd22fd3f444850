package dev.compact.screening;

import java.util.Map;

/**
 * Abbreviations of common words in company and organisation names, read as the full word:
 * "Intl" and "Int'l" are "international", "Bros" is "brothers", "Mfg" is "manufacturing".
 *
 * <p>Written for this project from common business usage. Applied only to names that are not
 * people's ("Ind" or "Dev" could be a person's name part), and only where the abbreviation is the
 * whole word after dots and apostrophes are dropped ("Int'l." is "intl").
 */
final class CompanyWords {

  private static final Map<String, String> FULL = Map.ofEntries(
      Map.entry("intl", "international"), Map.entry("intnl", "international"),
      Map.entry("internat", "international"), Map.entry("bros", "brothers"),
      Map.entry("mfg", "manufacturing"), Map.entry("mfrs", "manufacturers"),
      Map.entry("mfr", "manufacturer"), Map.entry("natl", "national"),
      Map.entry("nat", "national"), Map.entry("assoc", "associates"),
      Map.entry("assocs", "associates"), Map.entry("assn", "association"),
      Map.entry("svcs", "services"), Map.entry("svc", "service"), Map.entry("serv", "services"),
      Map.entry("engg", "engineering"), Map.entry("eng", "engineering"),
      Map.entry("engr", "engineering"), Map.entry("ind", "industries"),
      Map.entry("inds", "industries"), Map.entry("indus", "industries"),
      Map.entry("dev", "development"), Map.entry("devt", "development"),
      Map.entry("invt", "investment"), Map.entry("inv", "investment"),
      Map.entry("invest", "investment"), Map.entry("mgmt", "management"),
      Map.entry("mgt", "management"), Map.entry("elec", "electric"),
      Map.entry("hldgs", "holdings"), Map.entry("hldg", "holding"), Map.entry("hold", "holding"),
      Map.entry("tech", "technologies"), Map.entry("techs", "technologies"),
      Map.entry("chem", "chemical"), Map.entry("trdg", "trading"), Map.entry("est", "establishment"),
      Map.entry("estab", "establishment"), Map.entry("dept", "department"),
      Map.entry("st", "saint"), Map.entry("ste", "sainte"), Map.entry("mt", "mount"),
      Map.entry("comm", "communications"), Map.entry("comms", "communications"),
      Map.entry("grp", "group"), Map.entry("sys", "systems"), Map.entry("univ", "university"),
      Map.entry("inst", "institute"), Map.entry("fdn", "foundation"),
      Map.entry("found", "foundation"), Map.entry("govt", "government"),
      Map.entry("gov", "government"), Map.entry("min", "ministry"),
      Map.entry("amer", "american"), Map.entry("distr", "distribution"),
      Map.entry("dist", "distribution"), Map.entry("petrol", "petroleum"),
      Map.entry("pharm", "pharmaceutical"), Map.entry("pharma", "pharmaceutical"),
      Map.entry("transp", "transport"), Map.entry("shpg", "shipping"),
      Map.entry("nav", "navigation"), Map.entry("ins", "insurance"),
      Map.entry("fin", "financial"), Map.entry("finl", "financial"),
      Map.entry("bk", "bank"), Map.entry("soc", "society"), Map.entry("coop", "cooperative"),
      Map.entry("cent", "central"), Map.entry("ctr", "center"), Map.entry("ctre", "centre"),
      Map.entry("res", "research"), Map.entry("prods", "products"),
      Map.entry("prod", "products"), Map.entry("equip", "equipment"),
      Map.entry("constr", "construction"), Map.entry("cons", "consulting"),
      Map.entry("exp", "export"), Map.entry("imp", "import"), Map.entry("ent", "enterprises"),
      Map.entry("ents", "enterprises"), Map.entry("enterp", "enterprises"));

  private CompanyWords() {}

  /** The full word for an abbreviation, or null. */
  static String full(String text) {
    return FULL.get(text);
  }
}
