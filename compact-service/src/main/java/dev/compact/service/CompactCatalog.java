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
  private final Compact publicCompact;
  private final java.util.Map<dev.compact.access.Clearance, Compact> views = new java.util.EnumMap<>(dev.compact.access.Clearance.class);

  public CompactCatalog(ServiceSettings settings) {
    Parsed<Compact> parsed = CompactParser.parse(CompactFolder.read(settings.compactDir()));
    if (parsed.value().isEmpty()) {
      throw new IllegalStateException("the compact in " + settings.compactDir() + " has errors:\n"
          + parsed.errors().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
    }
    this.compact = parsed.value().get();
    this.publicCompact = compact.publicView();
    for (dev.compact.access.Clearance clearance : dev.compact.access.Clearance.values()) {
      views.put(clearance, compact.view(clearance.upTo()));
    }
  }

  /** The compact as a reader with this clearance may see it: a restricted desk does not see secret clauses. */
  public Compact compact(dev.compact.access.Clearance clearance) {
    return views.get(clearance);
  }

  /** An agreement as a reader with this clearance may see it; one they may not see at all does not exist for them. */
  public Agreement agreement(String id, dev.compact.access.Clearance clearance) {
    return views.get(clearance).agreement(new AgreementId(id))
        .orElseThrow(() -> new NotFound("no agreement '" + id + "' in compact " + compact.id()));
  }

  /**
   * The compact as the public may see it: without non-public clauses. Pages and open endpoints use
   * this, so that a restricted clause cannot leak through a view that forgot to check.
   */
  public Compact compact() {
    return publicCompact;
  }

  /** The whole compact, restricted clauses included: for the engine and for cleared readers. */
  public Compact fullCompact() {
    return compact;
  }

  public List<Agreement> agreements() {
    return publicCompact.allAgreements();
  }

  public Agreement agreement(String id) {
    return publicCompact.agreement(new AgreementId(id)).orElseThrow(() -> new NotFound("no agreement '" + id + "' in compact " + compact.id()));
  }

  /** An agreement with every clause, for writes and for cleared readers. */
  public Agreement fullAgreement(String id) {
    return compact.agreement(new AgreementId(id)).orElseThrow(() -> new NotFound("no agreement '" + id + "' in compact " + compact.id()));
  }
}
