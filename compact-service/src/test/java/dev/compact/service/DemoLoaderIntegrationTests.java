package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.ServiceApplication;
import dev.compact.store.StoredEvent;
import dev.compact.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14: the demo's history enters the record through the one command handler, as the desks and
 * the secretariat it names, held to the checks any desk is; no event reaches the log as "the system"
 * except time passing, which is the service's own clock, and the record of the agreement texts applied.
 */
class DemoLoaderIntegrationTests {

  @Test
  void theDemoHistoryIsRecordedByTheAccountsItNames() {
    try (ConfigurableApplicationContext context = start(RebuildIntegrationTests.examples().resolve("kyiv-compact/demo/history.yaml"))) {
      List<StoredEvent> log = context.getBean(RecordService.class).store().read(1, 10_000);
      assertThat(log).hasSizeGreaterThan(90);
      // Before the history, the texts it was folded under (audit round 3, finding 1): the service's one event of its own.
      assertThat(log.getFirst().type()).isEqualTo(Registrations.TEXTS_APPLIED);
      assertThat(log.getFirst().actor()).isEqualTo("service");
      assertThat(log).filteredOn(e -> e.type().equals(Registrations.TEXTS_APPLIED)).hasSize(1);
      log = log.subList(1, log.size());
      assertThat(log).extracting(StoredEvent::actor).allSatisfy(actor -> assertThat(actor).matches("history:([A-Z]{2,3}|secretariat)|scheduler"));
      // Ukraine's desk reports the attacks on Ukraine; Poland's desk the drones it shot down over Poland.
      assertThat(log).filteredOn(e -> e.type().equals("incident-reported")).extracting(StoredEvent::actor).containsOnly("history:UKR",
          "history:POL");
      assertThat(log).filteredOn(e -> e.type().equals("delivery-recorded")).extracting(StoredEvent::actor).contains("history:GBR",
          "history:DEU", "history:EU");
      assertThat(log).filteredOn(e -> e.actor().equals("scheduler")).extracting(StoredEvent::type).containsOnly("time-advanced");
      // Latvia's "resources permitting", Lithuania's "will seek" and Germany's announced package end short unmet, not breached.
      Queries queries = context.getBean(RecordService.class).queries();
      List<String> shortEfforts = List.of("lva-ukr-2024/lva-mil-2024/LVA", "ltu-ukr-2024/ltu-mil-2025/LTU",
          "deu-package-2024-02/deu-package-2024/DEU");
      assertThat(queries.norms(null, "unmet", null, List.of(), null)).extracting(NormView::instanceKey).containsAll(shortEfforts);
      assertThat(queries.norms(null, "breached", null, List.of(), null)).extracting(NormView::instanceKey).doesNotContainAnyElementsOf(shortEfforts);
      // Audit round 5, C18: the UK's further GBP 500 million of April 2024 is not progress toward its GBP 2.5 billion pledge.
      assertThat(queries.norms("GBR", null, "gbr-ukr-2024", List.of("commitment"), null)).filteredOn(n -> n.clauseId().equals("gbr-mil-2024"))
          .singleElement().extracting(NormView::progress).asString().startsWith("GBP 2,500,000,000 of GBP 2,500,000,000 delivered")
          .doesNotContain("allocated");
    }
  }

  @Test
  void aHistoryEventTheNamedDeskMayNotRecordStopsTheLoadWithItsReason(@TempDir Path dir) throws Exception {
    Path history = Files.writeString(dir.resolve("history.yaml"), """
        name: Germany suspends the UK-Ukraine agreement, to which it is no party
        description: The German desk may act only for Germany, and only on agreements Germany is party to.
        start: 2025-03-01T06:00:00Z
        events:
          - at: +0h
            entered-into-force: {agreement: compact}
          - at: +1h
            suspended: {agreement: gbr-ukr-2024, by: DEU}
        never:
          - {instance: "kyiv-compact/*", state: breached}
        """);
    assertThatThrownBy(() -> start(history).close()).hasStackTraceContaining("suspended at 2025-03-01T07:00:00Z was refused")
        .hasStackTraceContaining("DEU is not a party to gbr-ukr-2024 and may not suspend it");
  }

  @Test
  void aHistoryDeliveryWithNeitherValueNorItemsIsRefusedAsTheApiRefusesIt(@TempDir Path dir) throws Exception {
    Path history = Files.writeString(dir.resolve("history.yaml"), """
        name: A delivery of nothing
        description: The API refuses a delivery that gives neither a value nor items; so does a history.
        start: 2025-03-01T06:00:00Z
        events:
          - at: +0h
            entered-into-force: {agreement: compact}
          - at: +1h
            delivery: {by: GBR, category: military}
        never:
          - {instance: "kyiv-compact/*", state: breached}
        """);
    assertThatThrownBy(() -> start(history).close()).hasStackTraceContaining("delivery-recorded at 2025-03-01T07:00:00Z was refused")
        .hasStackTraceContaining("give a 'value' or 'items'");
  }

  private static ConfigurableApplicationContext start(Path history) {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl("sqlite"),
        "--compact.compact-dir=" + RebuildIntegrationTests.examples().resolve("kyiv-compact"), "--compact.history=" + history,
        "--compact.tick-interval=PT1H");
  }
}
