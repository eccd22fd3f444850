package dev.compact.screening;

import java.util.List;

/** The result of screening one query: refused with reasons, or screened with its hits. */
public sealed interface ScreeningOutcome {

  /** The query was refused; nothing was matched. */
  record Rejected(List<String> problems) implements ScreeningOutcome {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }

  /**
   * The query was screened.
   *
   * @param query the normalised query name
   * @param hits best first
   * @param candidates how many entities were scored in full
   */
  record Screened(NormalisedName query, List<Hit> hits, int candidates)
      implements ScreeningOutcome {
    public Screened {
      hits = List.copyOf(hits);
    }
  }
}
