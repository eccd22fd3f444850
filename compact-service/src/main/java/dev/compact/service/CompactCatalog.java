package dev.compact.service;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Parsed;
import dev.compact.sources.CompactFolder;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The compact this instance serves, loaded and checked at start-up. */
@Component
public class CompactCatalog {
  private final Compact compact;

  public CompactCatalog(ServiceSettings settings) {
    Parsed<Compact> parsed = CompactParser.parse(CompactFolder.read(settings.compactDir()));
    if (parsed.value().isEmpty()) {
      throw new IllegalStateException("the compact in " + settings.compactDir() + " has errors:\n"
          + parsed.errors().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
    }
    this.compact = parsed.value().get();
  }

  public Compact compact() {
    return compact;
  }

  public List<Agreement> agreements() {
    return compact.allAgreements();
  }

  public Agreement agreement(String id) {
    return compact.agreement(new AgreementId(id)).orElseThrow(() -> new NotFound("no agreement '" + id + "' in compact " + compact.id()));
  }
}
