package dev.compact.service;

import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.SourceFile;
import dev.compact.scenarios.Scenario;
import dev.compact.scenarios.ScenarioBinding;
import dev.compact.scenarios.ScenarioParser;
import dev.compact.sources.CompactFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Replays a history (a scenario file's events) into an empty record at start-up, so that a demo
 * shows real incidents, consultations and support from its first page. Does nothing when the
 * record already holds events or no history is configured.
 */
@Component
class DemoLoader implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
  private final RecordService record;
  private final CompactCatalog catalog;
  private final String history;

  DemoLoader(RecordService record, CompactCatalog catalog, @Value("${compact.history:}") String history) {
    this.record = record;
    this.catalog = catalog;
    this.history = history;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (history.isBlank() || !record.isEmpty()) {
      return;
    }
    List<Diagnostic> problems = new ArrayList<>();
    SourceFile file = CompactFolder.file(Path.of(history), problems)
        .orElseThrow(() -> new IllegalStateException("cannot read the history " + history + ": " + format(problems)));
    var parsed = ScenarioParser.parse(file);
    Scenario scenario = parsed.value().orElseThrow(() -> new IllegalStateException("the history " + history + " has errors:\n"
        + format(parsed.diagnostics())));
    ScenarioBinding.Bound bound = ScenarioBinding.bind(scenario, catalog.compact(), false);
    if (!bound.problems().isEmpty()) {
      throw new IllegalStateException("the history " + history + " does not fit the compact:\n" + format(bound.problems()));
    }
    record.recordHistory(bound.events(), "demo-history");
    LOG.info("replayed {} events of history from {}", bound.events().size(), history);
  }

  private static String format(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
  }
}
