package dev.compact.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The incident page's reading of a consultation's decisions. */
class IncidentMeasuresTests {

  /** Audit round 4, B4: the read model holds every decision as an array; the page lists the measures of each. */
  @Test
  void listsTheMeasuresOfEveryDecisionAndReadsALatestOnlyValueWrittenBefore() {
    IncidentController.Measures both = IncidentController.measures("""
        [{"measures": [{"id": "m-1", "obligor": "GBR", "action": "deliver shells"}], "agreed": ["GBR"], "objections": []},
         {"measures": [{"id": "m-2", "obligor": "DEU", "action": "deliver tanks"}], "agreed": ["DEU"], "objections": []}]""");
    IncidentController.Measures before = IncidentController.measures("""
        {"measures": [{"id": "m-1", "obligor": "GBR", "action": "deliver shells"}], "agreed": ["GBR"]}""");

    assertThat(both.measures()).extracting(IncidentController.MeasureView::obligor).containsExactly("GBR", "DEU");
    assertThat(both.agreed()).isEqualTo("GBR; DEU");
    assertThat(before.measures()).extracting(IncidentController.MeasureView::action).containsExactly("deliver shells");
  }
}
