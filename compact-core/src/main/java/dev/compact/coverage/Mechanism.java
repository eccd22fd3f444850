package dev.compact.coverage;

/** The kinds of commitment a negotiator compares across guarantors: the columns of the coverage matrix. */
public enum Mechanism {
  CONSULTATIONS("consultations", "Consultations and their clock"),
  DECISION("decision", "Decision on measures"),
  MILITARY("military", "Military support"),
  FINANCIAL("financial", "Financial support"),
  RECONSTRUCTION("reconstruction", "Reconstruction and humanitarian"),
  SANCTIONS("sanctions", "Sanctions and assets"),
  LIMITS("limits", "Limits and status"),
  TERM("term", "Term and termination"),
  NATO("nato", "NATO accession");

  private final String key;
  private final String title;

  Mechanism(String key, String title) {
    this.key = key;
    this.title = title;
  }

  /** The short name used in CSV and JSON columns and in the table's header. */
  public String key() {
    return key;
  }

  public String title() {
    return title;
  }
}
