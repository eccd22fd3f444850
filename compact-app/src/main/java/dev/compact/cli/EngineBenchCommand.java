package dev.compact.cli;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.CompactSources;
import dev.compact.agreements.Domain;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Money;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.SourceFile;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.engine.Outcome;
import dev.compact.scenarios.Scenario;
import dev.compact.scenarios.ScenarioParser;
import dev.compact.scenarios.ScenarioReport;
import dev.compact.scenarios.ScenarioRunner;
import dev.compact.service.EventCodec;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench engine}: folds a million generated events over a generated compact of 50
 * agreements with 40 norms each, on one thread, then runs a thousand generated scenarios. The clock
 * is read here, in the shell, never in the engine.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
    description = {"Measure the guarantee engine: events per second on one thread over a 50 x 40 compact, and the time "
        + "to parse and run 1,000 scenarios."})
final class EngineBenchCommand implements Callable<Integer> {

  @Option(names = "--agreements", defaultValue = "50", description = "Agreements in the generated compact (default ${DEFAULT-VALUE}).")
  int agreements;

  @Option(names = "--norms", defaultValue = "40", description = "Norms per agreement, a multiple of 8 (default ${DEFAULT-VALUE}).")
  int norms;

  @Option(names = "--events", defaultValue = "1000000", description = "Events to fold (default ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--scenarios", defaultValue = "1000", description = "Scenarios to run (default ${DEFAULT-VALUE}).")
  int scenarios;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds after warm-up; the best is reported (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--examples", defaultValue = "examples",
      description = "Folder whose scenarios' events are decoded too, as a second decode figure (default: ${DEFAULT-VALUE}; skipped when absent).")
  java.nio.file.Path examples;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (norms % 8 != 0 || norms < 8 || agreements < 1) {
      spec.commandLine().getErr().println("compact bench engine: --norms must be a positive multiple of 8, --agreements positive");
      return 2;
    }
    List<PartyCode> guarantors = guarantors(agreements);
    long t0 = System.nanoTime();
    Parsed<Compact> parsed = CompactParser.parse(sources(guarantors));
    if (parsed.hasErrors()) {
      parsed.errors().stream().limit(10).forEach(d -> spec.commandLine().getErr().println(d.format()));
      return 1;
    }
    Compact compact = parsed.value().orElseThrow();
    Engine engine = Engine.of(compact);
    long t1 = System.nanoTime();
    out.printf(Locale.ROOT, "compact: %d agreements x %d norms (+ umbrella), parsed and compiled in %.0f ms%n",
        agreements, norms, (t1 - t0) / 1e6);

    List<Event> record = events(guarantors, norms / 8, events, 42);
    List<Event> warmup = events(guarantors, norms / 8, Math.min(events, 200_000), 7);
    out.printf(Locale.ROOT, "events: %,d generated (%s)%n", record.size(), mix(record));
    for (int i = 0; i < 2; i++) {
      engine.run(warmup);
    }
    double best = 0;
    double bestCpu = 0;
    Outcome outcome = null;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      outcome = engine.run(record);
      long elapsed = System.nanoTime() - start;
      long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
      double rate = record.size() / (elapsed / 1e9);
      double cpuRate = record.size() / (cpu / 1e9);
      best = Math.max(best, rate);
      bestCpu = Math.max(bestCpu, cpuRate);
      out.printf(Locale.ROOT, "  round %d: %,.0f ms wall (%,.0f events/s), %,.0f ms on the thread's CPU (%,.0f events/s)%n",
          round + 1, elapsed / 1e6, rate, cpu / 1e6, cpuRate);
    }
    out.printf(Locale.ROOT, "fold: %,.0f events/s wall, %,.0f events/s per CPU second, one thread (best of %d rounds); "
        + "%,d norm instances, %,d transitions, halt: %s%n", best, bestCpu, rounds, outcome.instances().size(),
        outcome.transitions().size(), outcome.halt().map(Outcome.Halt::message).orElse("none"));
    out.printf(Locale.ROOT, "load average while measuring: %.2f on %d cores (other work on the machine slows the wall figures)%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    decodeAgainstFloor(out, record, bestCpu);
    List<Event> exampleEvents = exampleEvents();
    if (!exampleEvents.isEmpty()) {
      decodeExamples(out, exampleEvents);
    }

    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < scenarios; i++) {
      files.add(scenario(i, guarantors));
    }
    for (int i = 0; i < Math.min(200, scenarios); i++) {
      runScenario(files.get(i), engine);
    }
    long s0 = System.nanoTime();
    long c0 = threads.getCurrentThreadCpuTime();
    int passed = 0;
    String firstFailure = null;
    for (SourceFile file : files) {
      ScenarioRunner.Result result = runScenario(file, engine);
      if (result != null && result.passed()) {
        passed++;
      } else if (firstFailure == null) {
        firstFailure = result == null
            ? String.join("\n", ScenarioParser.parse(file).errors().stream().map(d -> d.format()).toList()) + "\n"
            : ScenarioReport.text(result);
      }
    }
    long s1 = System.nanoTime();
    long c1 = threads.getCurrentThreadCpuTime();
    out.printf(Locale.ROOT, "scenarios: %,d parsed and run in %.2f s wall, %.2f s CPU (%d passed)%n", scenarios, (s1 - s0) / 1e9,
        (c1 - c0) / 1e9, passed);
    if (firstFailure != null) {
      out.print("first failure:\n" + firstFailure);
    }
    out.flush();
    return passed == scenarios && outcome.halt().isEmpty() ? 0 : 1;
  }

  /**
   * Reading the log back, against its floor: the same payloads parsed by Jackson into a tree
   * ({@code readTree}, nothing typed), beside the codec's decode into event records and the fold.
   * CPU time of this thread, so that other work on the machine does not move the ratios.
   */
  private void decodeAgainstFloor(PrintWriter out, List<Event> record, double foldPerCpuSecond) {
    double[] rates = decodeRates(record);
    out.printf(Locale.ROOT, "decode (%,d logged payloads, best of %d rounds, per CPU second): Jackson readTree %,.0f events/s;"
        + " EventCodec.decode into records %,.0f events/s = %.2f of readTree; fold %,.0f events/s = %.2f of decode%n",
        Math.min(record.size(), 200_000), rounds, rates[0], rates[1], rates[1] / rates[0], foldPerCpuSecond, foldPerCpuSecond / rates[1]);
  }

  /**
   * The same on the example scenarios' events (every kind the examples record, written as people
   * write them), repeated to as many payloads as the record's (200,000 at most): the generated
   * record is mostly deliveries.
   */
  private void decodeExamples(PrintWriter out, List<Event> events) {
    List<Event> repeated = new ArrayList<>();
    while (repeated.size() < Math.min(200_000, this.events)) {
      repeated.addAll(events);
    }
    double[] rates = decodeRates(repeated);
    out.printf(Locale.ROOT, "decode of the examples' events (%,d distinct, repeated to %,d payloads): Jackson readTree %,.0f events/s;"
        + " EventCodec.decode into records %,.0f events/s = %.2f of readTree%n", events.size(), repeated.size(), rates[0], rates[1],
        rates[1] / rates[0]);
  }

  private List<Event> exampleEvents() {
    List<Event> events = new ArrayList<>();
    if (!java.nio.file.Files.isDirectory(examples)) {
      return events;
    }
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(examples)) {
      for (java.nio.file.Path file : files.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("scenarios")
          && p.toString().endsWith(".yaml")).sorted().toList()) {
        ScenarioParser.parse(new SourceFile(file.toString(), java.nio.file.Files.readString(file)))
            .value().ifPresent(scenario -> events.addAll(scenario.eventList()));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return events;
  }

  /** Best rates, per CPU second of this thread, of readTree and of the codec's decode on these events' payloads. */
  private double[] decodeRates(List<Event> record) {
    EventCodec codec = new EventCodec();
    int n = Math.min(record.size(), 200_000);
    String[] types = new String[n];
    String[] payloads = new String[n];
    for (int i = 0; i < n; i++) {
      EventCodec.Encoded encoded = codec.encode(record.get(i));
      types[i] = encoded.type();
      payloads[i] = encoded.payload();
    }
    tools.jackson.databind.json.JsonMapper plain = tools.jackson.databind.json.JsonMapper.builder().build();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double bestTree = 0;
    double bestDecode = 0;
    long sink = 0;
    for (int round = 0; round < rounds + 2; round++) {
      long c0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += plain.readTree(payloads[i]).size();
      }
      long c1 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        Event event = record.get(i);
        sink += codec.decode(types[i], payloads[i], event.occurredAt(), event.recordedAt()).hashCode() & 1;
      }
      long c2 = threads.getCurrentThreadCpuTime();
      // The first two rounds warm both paths up.
      if (round >= 2) {
        bestTree = Math.max(bestTree, n / ((c1 - c0) / 1e9));
        bestDecode = Math.max(bestDecode, n / ((c2 - c1) / 1e9));
      }
    }
    // The sink keeps the JIT from dropping the work; its value means nothing.
    return new double[] {bestTree, bestDecode + (sink & 1) * 1e-9};
  }

  private static ScenarioRunner.Result runScenario(SourceFile file, Engine engine) {
    Parsed<Scenario> parsed = ScenarioParser.parse(file);
    return parsed.value().map(scenario -> ScenarioRunner.run(scenario, engine)).orElse(null);
  }

  private static String mix(List<Event> events) {
    long deliveries = events.stream().filter(e -> e instanceof Event.SupportEvent).count();
    long incidents = events.stream().filter(e -> e instanceof Event.IncidentEvent).count();
    long consultations = events.stream().filter(e -> e instanceof Event.ConsultationEvent).count();
    long other = events.size() - deliveries - incidents - consultations;
    return String.format(Locale.ROOT, "%,d support, %,d incident, %,d consultation, %,d other", deliveries, incidents, consultations,
        other);
  }

  /** Country codes other than the protected party's, in a fixed order. */
  static List<PartyCode> guarantors(int count) {
    List<String> codes = new ArrayList<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));
    codes.sort(null);
    codes.remove("UKR");
    List<PartyCode> parties = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      parties.add(new PartyCode(codes.get(i)));
    }
    return parties;
  }

  /** The generated compact as source files, so that the bench goes through the parser as users do. */
  CompactSources sources(List<PartyCode> guarantors) {
    StringBuilder umbrella = new StringBuilder("---\nid: bench-compact\ntitle: Generated compact\nprotected: UKR\nguarantors:\n");
    for (PartyCode g : guarantors) {
      umbrella.append("  - {party: ").append(g).append(", tier: core}\n");
    }
    umbrella.append("response: {convene: PT24H, decide: PT72H, decision: national}\n---\n\n# Generated compact\n\nText.\n");
    List<SourceFile> files = new ArrayList<>();
    for (int a = 0; a < guarantors.size(); a++) {
      files.add(new SourceFile("agreements/a" + a + ".md", agreement(a, guarantors.get(a))));
    }
    return new CompactSources("bench", Optional.of(new SourceFile("compact.md", umbrella.toString())), files, List.of());
  }

  /** One agreement: per block of 8 norms, three commitments, two incident and one consultation obligation, a power, a prohibition. */
  private String agreement(int index, PartyCode g) {
    StringBuilder text = new StringBuilder("---\nid: a" + index + "\ntitle: Agreement " + index + "\nparties: [" + g
        + ", UKR]\nbeneficiary: UKR\nbinding: political\nlifecycle: {signed: 2024-01-01, in-force: 2024-01-01}\n"
        + "term: {years: 10, notice: P6M}\n---\n\n# Agreement " + index + "\n\n");
    String[] kinds = {"armed-attack", "missile-strike", "drone-strike", "cyber-attack", "hybrid"};
    for (int block = 0; block < norms / 8; block++) {
      String b = "b" + block;
      clause(text, "id: " + b + "-yearly\nnorm: commitment\nobligor: " + g + "\nbeneficiary: UKR\ndomain: military\n"
          + "amount: {value: 1000000000, currency: EUR}\nschedule: {start: 2024-01-01, every: P1Y, count: 10, "
          + "amount: {value: 100000000, currency: EUR}}");
      clause(text, "id: " + b + "-fiscal\nnorm: commitment\nobligor: " + g + "\nbeneficiary: UKR\ndomain: financial\n"
          + "amount: {value: 500000000, currency: EUR}\nperiod: {start: 2025-01-01, end: 2029-12-31}");
      clause(text, "id: " + b + "-items\nnorm: commitment\nobligor: " + g + "\nbeneficiary: UKR\ndomain: military\n"
          + "items:\n  - {item: shells, quantity: 100000}\nperiod: {start: 2025-01-01, end: 2034-12-31}");
      clause(text, "id: " + b + "-respond\nnorm: obligation\nobligor: " + g + "\nbeneficiary: UKR\ndomain: military\n"
          + "trigger: 'incident.kind == \"" + kinds[block % kinds.length] + "\" && incident.in_scope && incident.severity >= "
          + (1 + block % 3) + "'\naction: deliver support\n"
          + "deadline: {within: P30D, from: incident-verified, boundary: inclusive}\nfulfilled-by: delivery");
      clause(text, "id: " + b + "-assess\nnorm: obligation\nobligor: parties\nbeneficiary: UKR\ndomain: information\n"
          + "trigger: 'incident.in_scope && incident.verified && incident.severity >= " + (2 + block % 3) + "'\n"
          + "action: share an assessment\ndeadline: {within: PT48H, from: incident-verified, boundary: exclusive}\n"
          + "fulfilled-by: allocation");
      clause(text, "id: " + b + "-consult\nnorm: obligation\nobligor: " + g + "\nbeneficiary: UKR\ndomain: military\n"
          + "trigger: 'incident.in_scope && consultation.requested_by == \"UKR\"'\naction: consult\n"
          + "deadline: {within: PT24H, from: consultation-requested, boundary: inclusive}\nfulfilled-by: consultation-held");
      clause(text, "id: " + b + "-request\nnorm: power\nobligor: parties\ndomain: military\naction: request-consultations");
      clause(text, "id: " + b + "-lock\nnorm: prohibition\nobligor: " + g + "\ndomain: accountability\naction: ease-sanctions\n"
          + "until: aggressor.aggression_ended && aggressor.damage_compensated");
    }
    return text.toString();
  }

  private static void clause(StringBuilder text, String yaml) {
    text.append("Clause.\n\n```clause\n").append(yaml).append("\n```\n\n");
  }

  /** A deterministic record: mostly deliveries against commitments, with incidents, consultations and time passing. */
  static List<Event> events(List<PartyCode> guarantors, int blocks, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Event> events = new ArrayList<>(count);
    Instant at = START;
    PartyCode ukr = new PartyCode("UKR");
    String[] kinds = {"ARMED_ATTACK", "MISSILE_STRIKE", "DRONE_STRIKE", "CYBER_ATTACK", "HYBRID"};
    int incidents = 0;
    int consultations = 0;
    int lastIncident = -1;
    while (events.size() < count) {
      at = at.plusSeconds(60 + random.nextInt(240));
      int roll = random.nextInt(1000);
      int g = random.nextInt(guarantors.size());
      PartyCode guarantor = guarantors.get(g);
      if (roll < 1 && random.nextInt(5) == 0) {
        String id = "i" + incidents++;
        lastIncident = incidents - 1;
        events.add(new Event.IncidentReported(at, at, new Event.IncidentId(id), Event.IncidentKind.valueOf(kinds[random.nextInt(5)]),
            random.nextInt(10) == 0 ? "POL" : "UA-30", 1 + random.nextInt(5), ukr, List.of()));
      } else if (roll < 2 && random.nextInt(5) == 0 && lastIncident >= 0) {
        events.add(new Event.IncidentVerified(at, at, new Event.IncidentId("i" + lastIncident), ukr));
      } else if (roll < 3 && random.nextInt(5) == 0 && lastIncident >= 0) {
        String id = "c" + consultations++;
        events.add(new Event.ConsultationRequested(at, at, new Event.ConsultationId(id), ukr,
            Optional.of(new Event.IncidentId("i" + lastIncident))));
      } else if (roll < 4 && random.nextInt(5) == 0 && consultations > 0) {
        List<PartyCode> attended = new ArrayList<>();
        for (PartyCode p : guarantors) {
          if (random.nextInt(4) != 0) {
            attended.add(p);
          }
        }
        events.add(new Event.ConsultationHeld(at, at, new Event.ConsultationId("c" + (consultations - 1)), attended));
      } else if (roll < 150) {
        events.add(new Event.TimeAdvanced(at, at));
      } else if (roll < 300) {
        events.add(new Event.AllocationRecorded(at, at, guarantor, Domain.INFORMATION, Optional.empty(), Optional.empty(),
            List.of(), Optional.empty()));
      } else if (roll < 600) {
        events.add(new Event.DeliveryRecorded(at, at, guarantor, Domain.MILITARY, Optional.empty(), Optional.empty(),
            List.of(new ItemLine("shells", 100 + random.nextInt(900))),
            Optional.of(new Event.Target.Clause(new AgreementId("a" + g), new ClauseId("b" + random.nextInt(blocks) + "-items")))));
      } else {
        boolean euro = random.nextBoolean();
        events.add(new Event.DeliveryRecorded(at, at, guarantor, Domain.MILITARY,
            Optional.of(new Money(BigDecimal.valueOf(1_000_000L + random.nextInt(9_000_000)), euro ? "EUR" : "USD")),
            euro ? Optional.empty() : Optional.of(new Event.ExchangeRate("EUR", new BigDecimal("0.92"))), List.of(),
            Optional.of(new Event.Target.Clause(new AgreementId("a" + g),
                new ClauseId("b" + random.nextInt(blocks) + (random.nextBoolean() ? "-yearly" : "-fiscal"))))));
      }
    }
    return events;
  }

  /** A generated scenario: an attack, a consultation held in time or not, deliveries; expectations computed from the story. */
  private SourceFile scenario(int index, List<PartyCode> guarantors) {
    SplittableRandom random = new SplittableRandom(index);
    int g = random.nextInt(guarantors.size());
    PartyCode guarantor = guarantors.get(g);
    boolean inTime = random.nextBoolean();
    int heldAfter = inTime ? 1 + random.nextInt(23) : 25 + random.nextInt(40);
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: generated ").append(index).append("\n");
    yaml.append("description: An attack, a request, a meeting ").append(inTime ? "in time" : "too late").append(".\n");
    yaml.append("start: 2025-06-01T00:00:00Z\nevents:\n");
    yaml.append("  - at: +1h\n    incident-reported: {id: i1, kind: armed-attack, place: UA-30, severity: 4, by: UKR}\n");
    yaml.append("  - at: +2h\n    incident-verified: {id: i1, by: UKR}\n");
    yaml.append("  - at: +3h\n    consultation-requested: {id: c1, by: UKR, incident: i1}\n");
    for (int d = 0; d < 10; d++) {
      yaml.append("  - at: +3h").append(4 + d).append("m\n    delivery: {by: ").append(guarantor)
          .append(", category: military, value: EUR 1000000, for: a").append(g).append("/b0-yearly}\n");
    }
    yaml.append("  - at: +").append(3 + heldAfter).append("h\n    consultation-held: {id: c1, attended: [UKR, ")
        .append(guarantor).append("]}\n");
    yaml.append("expect:\n");
    yaml.append("  - at: +100h\n    instance: a").append(g).append("/b0-consult/").append(guarantor).append("@c1\n    state: ")
        .append(inTime ? "fulfilled" : "breached").append("\n    due: +27h\n");
    yaml.append("  - at: +100h\n    instance: a").append(g).append("/b0-yearly/").append(guarantor)
        .append("@2025-01-01\n    state: active\n    delivered: EUR 10000000\n");
    yaml.append("never:\n  - {instance: 'a").append(g).append("/b0-lock/*', state: breached}\n");
    return new SourceFile("generated-" + index + ".yaml", yaml.toString());
  }
}
