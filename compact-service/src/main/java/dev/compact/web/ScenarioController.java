package dev.compact.web;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.AgreementParser;
import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.CompactSources;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.SourceFile;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.engine.EventText;
import dev.compact.engine.Replay;
import dev.compact.scenarios.BehaviourDiff;
import dev.compact.scenarios.Scenario;
import dev.compact.scenarios.ScenarioBinding;
import dev.compact.scenarios.ScenarioParser;
import dev.compact.scenarios.ScenarioRunner;
import dev.compact.service.CompactCatalog;
import dev.compact.service.InvalidInput;
import dev.compact.service.NotFound;
import dev.compact.service.ServiceSettings;
import dev.compact.sources.CompactFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Scenarios: run one of the compact's scenarios (or an uploaded one) and see its timeline and
 * verdict; compare a draft of an agreement with the version in force over every scenario.
 */
@Controller
class ScenarioController {
  private final CompactCatalog catalog;
  private final ServiceSettings settings;

  ScenarioController(CompactCatalog catalog, ServiceSettings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  record Step(String at, String event, int line, List<String> transitions) {}

  record Failure(int line, String expected, String actual, List<String> causes) {}

  record Difference(String scenario, String file, List<String> differences) {}

  @GetMapping("/scenarios")
  String scenarios(Model model) {
    model.addAttribute("files", files().stream().map(p -> p.getFileName().toString()).toList());
    model.addAttribute("agreementIds", catalog.agreements().stream().map(a -> a.id().value()).toList());
    return "scenarios";
  }

  @GetMapping("/scenarios/run")
  String run(@RequestParam String file, Model model) {
    Path path = files().stream().filter(p -> p.getFileName().toString().equals(file)).findFirst()
        .orElseThrow(() -> new NotFound("no scenario '" + file + "' in this compact"));
    List<Diagnostic> problems = new ArrayList<>();
    SourceFile source = CompactFolder.file(path, problems).orElseThrow(() -> new InvalidInput("cannot read " + file, problems));
    return show(source, model);
  }

  @PostMapping("/scenarios/run")
  String upload(@RequestParam("scenario") MultipartFile upload, Model model) throws IOException {
    if (upload.isEmpty()) {
      throw new IllegalArgumentException("choose a scenario file (YAML) to upload");
    }
    String name = upload.getOriginalFilename() == null || upload.getOriginalFilename().isBlank() ? "uploaded.yaml" : upload.getOriginalFilename();
    return show(new SourceFile(name, new String(upload.getBytes(), StandardCharsets.UTF_8)), model);
  }

  private String show(SourceFile source, Model model) {
    Parsed<Scenario> parsed = ScenarioParser.parse(source);
    if (parsed.value().isEmpty()) {
      throw new InvalidInput("the scenario " + source.path() + " has errors", parsed.diagnostics());
    }
    Scenario scenario = parsed.value().get();
    Engine engine = Engine.of(catalog.compact());
    ScenarioRunner.Result result = ScenarioRunner.run(scenario, engine);
    ScenarioBinding.Bound bound = ScenarioBinding.bind(scenario, catalog.compact(), true);
    List<Step> steps = new ArrayList<>();
    Replay replay = engine.replay();
    replay.advanceTo(scenario.start());
    int seen = 0;
    for (int i = 0; i < bound.events().size(); i++) {
      Event event = bound.events().get(i);
      replay.apply(event);
      List<String> transitions = new ArrayList<>();
      for (int t = seen; t < replay.transitionCount(); t++) {
        transitions.add(replay.transition(t).describe());
      }
      seen = replay.transitionCount();
      steps.add(new Step(Format.instant(event.occurredAt()), EventText.describe(event), bound.lines().get(i), transitions));
      if (replay.halt().isPresent()) {
        break;
      }
    }
    model.addAttribute("scenario", scenario);
    model.addAttribute("file", source.path());
    model.addAttribute("steps", steps);
    model.addAttribute("passed", result.passed());
    model.addAttribute("problems", result.problems().stream().map(Diagnostic::format).toList());
    model.addAttribute("failures", result.failures().stream().map(f -> new Failure(f.line(), f.expected(), f.actual(), f.causes())).toList());
    model.addAttribute("expectations", scenario.expectations().size());
    return "scenario";
  }

  /** Replaces one agreement of the served compact with an uploaded draft and runs every scenario on both. */
  @PostMapping("/scenarios/compare")
  String compare(@RequestParam("draft") MultipartFile draft, Model model) throws IOException {
    if (draft.isEmpty()) {
      throw new IllegalArgumentException("choose a draft agreement (Markdown) to upload");
    }
    String name = draft.getOriginalFilename() == null || draft.getOriginalFilename().isBlank() ? "draft.md" : draft.getOriginalFilename();
    SourceFile draftFile = new SourceFile(name, new String(draft.getBytes(), StandardCharsets.UTF_8));
    Parsed<Agreement> parsedDraft = AgreementParser.parse(draftFile);
    if (parsedDraft.value().isEmpty()) {
      throw new InvalidInput("the draft has errors", parsedDraft.diagnostics());
    }
    String id = parsedDraft.value().get().id().value();
    CompactSources served = CompactFolder.read(settings.compactDir());
    List<SourceFile> agreements = new ArrayList<>();
    boolean replaced = false;
    for (SourceFile file : served.agreements()) {
      var parsed = AgreementParser.parse(file).value();
      if (parsed.isPresent() && parsed.get().id().value().equals(id)) {
        agreements.add(draftFile);
        replaced = true;
      } else {
        agreements.add(file);
      }
    }
    if (!replaced) {
      throw new IllegalArgumentException("the draft's id '" + id + "' is not an agreement of this compact; a draft replaces the agreement with its id");
    }
    Parsed<Compact> draftCompact = CompactParser.parse(new CompactSources(served.root(), served.compact(), agreements, served.readProblems()));
    if (draftCompact.value().isEmpty()) {
      throw new InvalidInput("the compact with this draft has errors", draftCompact.diagnostics());
    }
    // Both sides as the public may see them: the differences must not tell of withheld clauses.
    Engine inForce = Engine.of(catalog.compact());
    Engine withDraft = Engine.of(draftCompact.value().get().publicView());
    List<Difference> differences = new ArrayList<>();
    int alike = 0;
    for (Path path : files()) {
      List<Diagnostic> problems = new ArrayList<>();
      var source = CompactFolder.file(path, problems);
      var scenario = source.flatMap(s -> ScenarioParser.parse(s).value());
      if (scenario.isEmpty()) {
        continue;
      }
      BehaviourDiff.ScenarioDiff diff = BehaviourDiff.compare(scenario.get(), inForce, "in force", withDraft, "draft");
      if (diff.differs()) {
        differences.add(new Difference(scenario.get().name(), path.getFileName().toString(), diff.differences()));
      } else {
        alike++;
      }
    }
    model.addAttribute("agreementId", id);
    model.addAttribute("draftName", name);
    model.addAttribute("differences", differences);
    model.addAttribute("alike", alike);
    return "scenario-compare";
  }

  private List<Path> files() {
    Path dir = settings.compactDir().resolve("scenarios");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
