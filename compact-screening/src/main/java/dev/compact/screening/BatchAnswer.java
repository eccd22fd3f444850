package dev.compact.screening;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one row of a batch (a line of a CSV, a customer in a Spark job): its hits, best
 * first, or the problems that kept it from being screened. The batch CLI and the Spark job read
 * rows through this one function, so that the same row gets the same answer in both.
 *
 * @param hits hits at or above the review threshold, best first; empty when refused or clear
 * @param problems why the row was refused; empty when it was screened
 */
public record BatchAnswer(List<Hit> hits, List<String> problems) {

  public BatchAnswer {
    hits = List.copyOf(hits);
    problems = List.copyOf(problems);
  }

  /** Whether the row was refused rather than screened. */
  public boolean rejected() {
    return !problems.isEmpty();
  }

  /**
   * Screens one row given as text fields (as in a file): a name, and optionally a type, a date of
   * birth, a country and identifiers as {@code TYPE:VALUE}; blank fields count as absent.
   */
  public static BatchAnswer screen(Screener screener, String name, String type, String dob, String country,
      List<String> ids, int limit) {
    if (name == null || name.isBlank()) {
      return new BatchAnswer(List.of(), List.of("the name is empty"));
    }
    List<String> problems = new ArrayList<>();
    ScreeningQuery query = QueryText.query(name, type, dob, country, ids == null ? List.of() : ids, problems);
    if (!problems.isEmpty()) {
      return new BatchAnswer(List.of(), problems);
    }
    return switch (screener.screen(query, limit)) {
      case ScreeningOutcome.Rejected rejected -> new BatchAnswer(List.of(), rejected.problems());
      case ScreeningOutcome.Screened screened -> new BatchAnswer(screened.hits(), List.of());
    };
  }

  /** Identifiers written in one cell, separated by semicolons ("passport:AB123;imo:9187629"). */
  public static List<String> identifiers(String cell) {
    if (cell == null || cell.isBlank()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (String id : cell.split(";")) {
      if (!id.isBlank()) {
        ids.add(id.strip());
      }
    }
    return ids;
  }
}
