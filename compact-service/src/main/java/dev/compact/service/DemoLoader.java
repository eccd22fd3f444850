package dev.compact.service;

import dev.compact.agreements.Classification;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.SourceFile;
import dev.compact.engine.Event;
import dev.compact.scenarios.Scenario;
import dev.compact.scenarios.ScenarioBinding;
import dev.compact.scenarios.ScenarioParser;
import dev.compact.sources.CompactFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Records a history (a scenario file's events) into an empty record at start-up, so that a demo
 * shows real incidents, consultations and support from its first page. Each event goes through the
 * one command handler as the command that records it, given by the account the history names (the
 * desk of the party that acted, or the secretariat), so the history is held to every permission and
 * standing check a desk is; time passing goes through the service's own clock. Does nothing when the
 * record already holds events (other than the texts it was created with) or no history is configured.
 */
@Component
class DemoLoader implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
  private final RecordService record;
  private final CommandHandler commands;
  private final CompactCatalog catalog;
  private final String history;

  DemoLoader(RecordService record, CommandHandler commands, CompactCatalog catalog, @Value("${compact.history:}") String history) {
    this.record = record;
    this.commands = commands;
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
    // One lock for the whole history: a scheduler tick between two of its events would move the record
    // to the present, and the next, older event would be refused.
    record.exclusively(() -> {
      for (Event event : bound.events()) {
        try {
          switch (HistoryCommands.of(event, catalog.fullCompact().protectedParty())) {
            case HistoryCommands.Given given -> as(given.actor(), () -> commands.handle(given.command(), given.actor(), Optional.empty(),
                Optional.empty(), Classification.PUBLIC));
            case HistoryCommands.TimePasses time -> record.tick(time.at());
          }
        } catch (RuntimeException e) {
          throw new IllegalStateException("the history " + history + " cannot be recorded: its "
              + EventCodec.kebab(event.getClass().getSimpleName()) + " at " + event.occurredAt() + " was refused: " + e.getMessage(), e);
        }
      }
    });
    // Folded under the texts the record was created with, which its first event names.
    LOG.info("recorded {} events of history from {} through the command handler", bound.events().size(), history);
  }

  /**
   * Runs {@code work} authenticated as the history's account, as a request from that account would be:
   * the command handler checks the caller Spring Security holds, and a history is given by its accounts.
   */
  private static void as(dev.compact.access.Actor actor, Runnable work) {
    var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new dev.compact.access.CompactAuthentication(actor));
    org.springframework.security.core.context.SecurityContextHolder.setContext(context);
    try {
      work.run();
    } finally {
      org.springframework.security.core.context.SecurityContextHolder.clearContext();
    }
  }

  private static String format(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
  }
}
