package dev.compact.cli;

import dev.compact.agreements.Classification;
import dev.compact.agreements.Compact;
import dev.compact.coverage.Coverage;
import dev.compact.coverage.CoverageEntry;
import dev.compact.coverage.CoverageMatrix;
import dev.compact.coverage.CoverageText;
import dev.compact.coverage.Mechanism;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code compact coverage [PATH]}: who is bound to what across a compact, with the gaps. */
@Command(name = "coverage", mixinStandardHelpOptions = true,
    description = {"Print the coverage matrix of a compact: per party (guarantors, then the protected state) and per kind of "
        + "commitment (consultations and their clock, decision, military, financial, reconstruction, sanctions, limits, term, "
        + "NATO accession), what each clause commits, how firmly, and whether its source is confirmed.",
        "Exit code 0, or 1 when the compact does not load."})
final class CoverageCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = "examples/kyiv-compact",
      description = "A compact folder (default: ${DEFAULT-VALUE}).")
  Path folder;

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--classification", defaultValue = "public", paramLabel = "LEVEL",
      description = "Show clauses up to this classification: public, restricted or secret (default: ${DEFAULT-VALUE}).")
  String classification;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Classification> level = switch (classification.toLowerCase(Locale.ROOT)) {
      case "public" -> Optional.of(Classification.PUBLIC);
      case "restricted" -> Optional.of(Classification.RESTRICTED);
      case "secret" -> Optional.of(Classification.SECRET);
      default -> Optional.empty();
    };
    if (level.isEmpty()) {
      err.println("compact coverage: '" + classification + "' is not a classification; use public, restricted or secret");
      err.flush();
      return 2;
    }
    if (!List.of("table", "csv", "json").contains(format)) {
      err.println("compact coverage: '" + format + "' is not a format; use table, csv or json");
      err.flush();
      return 2;
    }
    Optional<Compact> compact = Sources.compact(folder, err);
    if (compact.isEmpty()) {
      err.println("compact coverage: " + folder + " cannot be loaded; run ./compact check on it");
      err.flush();
      return 1;
    }
    CoverageMatrix matrix = Coverage.of(compact.get().view(level.get()));
    switch (format) {
      case "csv" -> out.print(CoverageText.csv(matrix));
      case "json" -> out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(matrix, level.get())));
      default -> {
        out.print(CoverageText.table(matrix));
        if (level.get() != Classification.SECRET) {
          out.println("Clauses above " + level.get().name().toLowerCase(Locale.ROOT) + " are left out (--classification).");
        }
      }
    }
    out.flush();
    return 0;
  }

  static Map<String, Object> json(CoverageMatrix matrix, Classification level) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("compact", matrix.compact());
    root.put("title", matrix.title());
    root.put("classification", level.name().toLowerCase(Locale.ROOT));
    root.put("mechanisms", java.util.Arrays.stream(Mechanism.values()).map(m -> Map.of("key", m.key(), "title", m.title())).toList());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CoverageMatrix.Row row : matrix.rows()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("party", row.party().value());
      r.put("tier", row.tier());
      Map<String, Object> cells = new LinkedHashMap<>();
      for (Mechanism m : Mechanism.values()) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (CoverageEntry e : row.cell(m)) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("agreement", e.agreement());
          entry.put("clause", e.clause());
          entry.put("brief", e.brief());
          entry.put("summary", e.summary());
          entry.put("firmness", e.firmness());
          entry.put("stage", e.stage());
          entry.put("signed", e.signed());
          entry.put("sourceStatus", e.status().label());
          entry.put("source", e.source());
          entries.add(entry);
        }
        cells.put(m.key(), entries);
      }
      r.put("cells", cells);
      rows.add(r);
    }
    root.put("rows", rows);
    root.put("gaps", matrix.gaps());
    return root;
  }
}
