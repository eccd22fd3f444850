package dev.compact.scenarios;

import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** Reads a scenario's {@code sanctions-package} event: the package as a legal act, every fact with its source. */
record SanctionsPackageReader(ScenarioNodes nodes) {

  /** A package as a legal act (docs/scenarios.md): every fact it states needs its source under 'sources'. */
  Event sanctionsPackage(Map<String, NodeTuple> f, Node body, Instant at, Instant rec) {
    String id = nodes.id(f, "package", body);
    PartyCode issuer = nodes.party(f, "issuer", body);
    String title = nodes.requiredText(f, "title", body).orElse("?");
    List<String> acts = new ArrayList<>();
    for (Node node : nodes.list(f, "legal-acts")) {
      nodes.scalar(node).ifPresent(acts::add);
    }
    List<dev.compact.packages.Measure> measures = new ArrayList<>();
    for (Node node : nodes.list(f, "measures")) {
      Map<String, NodeTuple> m = nodes.fields(node, Set.of("kind", "text", "from"), "a measure");
      dev.compact.packages.MeasureKind kind = nodes.keyword(m, "kind", node, dev.compact.packages.MeasureKind.class);
      String text = nodes.optionalText(m, "text").orElse("");
      if (kind == dev.compact.packages.MeasureKind.OTHER && text.isBlank()) {
        nodes.error(node, "a measure of kind 'other' needs its 'text', saying what it does", null);
        continue;
      }
      measures.add(new dev.compact.packages.Measure(kind, text, nodes.date(m, "from")));
    }
    List<dev.compact.packages.Designation> designations = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (Node node : nodes.list(f, "designations")) {
      Map<String, NodeTuple> d = nodes.fields(node, Set.of("id", "name", "list", "entry"), "a designation");
      Optional<String> designation = nodes.requiredText(d, "id", node);
      Optional<String> list = nodes.optionalText(d, "list");
      Optional<String> entry = nodes.optionalText(d, "entry");
      if (designation.isEmpty()) {
        continue;
      }
      if (!ids.add(designation.get())) {
        nodes.error(node, "designation '" + designation.get() + "' is listed twice", null);
        continue;
      }
      if (list.isPresent() != entry.isPresent()) {
        nodes.error(node, "give both 'list' and 'entry' to link a designation to a list entry, or neither", "e.g. list: ofac, entry: \"31455\"");
        continue;
      }
      designations.add(new dev.compact.packages.Designation(designation.get(), nodes.optionalText(d, "name").orElse(""), list, entry));
    }
    Optional<Integer> count = Optional.empty();
    if (f.containsKey("designation-count")) {
      Optional<String> text = nodes.optionalText(f, "designation-count");
      try {
        int value = Integer.parseInt(text.orElse("").replace("_", "").replace(",", ""));
        if (value < 0) {
          throw new NumberFormatException();
        }
        count = Optional.of(value);
      } catch (NumberFormatException e) {
        nodes.error(ScenarioNodes.value(f, "designation-count"), "'designation-count' must be a whole number from 0", null);
      }
    }
    Map<String, String> sources = new LinkedHashMap<>();
    if (f.containsKey("sources")) {
      Node node = ScenarioNodes.value(f, "sources");
      Map<String, NodeTuple> given = nodes.fields(node, Set.copyOf(dev.compact.packages.SanctionsPackage.FACTS), "'sources'");
      given.forEach((fact, tuple) -> nodes.scalar(tuple.getValueNode()).ifPresent(text -> sources.put(fact, text)));
    }
    dev.compact.packages.SanctionsPackage terms = new dev.compact.packages.SanctionsPackage(title, acts, nodes.date(f, "adopted"),
        nodes.date(f, "in-force"), measures, designations, count, nodes.optionalText(f, "vote").filter(v -> !v.isBlank()), nodes.date(f, "renewal"),
        sources);
    for (String fact : terms.unsourced()) {
      nodes.error(f.containsKey(fact) ? f.get(fact).getKeyNode() : body, "'" + fact + "' has no source",
          "add it under 'sources:', e.g. sources: {" + fact + ": https://...}; a figure counted from a list file names the file");
    }
    return new Event.SanctionsPackageRecorded(at, rec, id, issuer, terms);
  }
}
