package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.log.PublicExport;
import dev.compact.log.TransparencyLog;
import dev.compact.store.Database;
import dev.compact.transparency.Checkpoint;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A restricted clause (intelligence sharing) becomes a live obligation; then every public endpoint,
 * export and dashboard page reachable without a token is crawled, and none shows it. With a
 * secretariat token it is there, so the crawl could have found it.
 */
class ClassificationCrawlIntegrationTests {
  static final String MARKER = "SIGINT-RESTRICTED-7Q";

  /** A restricted duty of the UK to share intelligence on a verified attack, {@code marker} in its title and action. */
  static String intelClause(String marker) {
    return """

        The Participants shall exchange intelligence on the attack as a separate arrangement provides.

        ```clause
        id: gbr-intel
        title: Intelligence support %s
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: information
        classification: restricted
        trigger: 'incident.kind == "armed-attack" && incident.in_scope'
        action: share targeting intelligence %s
        deadline: {within: PT12H, from: incident-verified}
        fulfilled-by: consultation-held
        ```
        """.formatted(marker, marker);
  }

  @Test
  void noPublicPageOrEndpointRevealsARestrictedClause(@TempDir Path dir) throws Exception {
    CompactCopy compact = CompactCopy.kyiv(dir).withUkText(intelClause(MARKER));
    try (ConfigurableApplicationContext context = compact.start()) {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
      Tokens tokens = Tokens.create(context);
      assertThat(http.post("/api/incidents", "application/json", AccessMatrixIntegrationTests.incident("i1"), Tokens.bearer(tokens.ukr()))
          .statusCode()).isEqualTo(201);
      assertThat(http.post("/api/incidents/i1/verify", "application/json", "{\"by\": \"UKR\"}", Tokens.bearer(tokens.secretariat()))
          .statusCode()).isEqualTo(200);
      assertThat(http.post("/api/clock", "application/json", "{\"advanceBy\": \"PT13H\"}").statusCode()).isEqualTo(200);

      // The restricted duty exists and was breached: a cleared reader sees it.
      HttpResponse<String> cleared = http.get("/api/norms?party=GBR", "Authorization", "Bearer " + tokens.secretariat());
      assertThat(cleared.body()).contains("gbr-ukr-2024/gbr-intel/GBR", MARKER);

      Set<String> visited = crawl(http, Stream.of("/", "/coverage", "/coverage.csv", "/api/compact", "/api/agreements", "/api/obligations", "/api/norms",
          "/api/norms?party=GBR", "/api/norms?state=breached", "/api/transitions?limit=500", "/api/incidents", "/api/consultations",
          "/api/support", "/api/calendar/GBR.ics", "/api/openapi", "/api/agreements/gbr-ukr-2024", "/api/agreements/gbr-ukr-2024/render",
          "/api/agreements/gbr-ukr-2024/render?format=text", "/api/agreements/gbr-ukr-2024/versions", "/api/agreements/gbr-ukr-2024/signatures")
          .toList());
      assertThat(visited).hasSizeGreaterThan(20);

      // Asking for the restricted instance by name answers as if it did not exist: no different code, no other text.
      HttpResponse<String> named = http.get("/api/norms/instance?key=gbr-ukr-2024/gbr-intel/GBR@i1");
      HttpResponse<String> invented = http.get("/api/norms/instance?key=gbr-ukr-2024/made-up/GBR@i1");
      assertThat(named.statusCode()).isEqualTo(404).isEqualTo(invented.statusCode());
      assertThat(named.body().replace("gbr-intel", "made-up")).isEqualTo(invented.body());
    }
  }

  static final String RECORD_MARKER = "HUMINT-SOURCE-4X";

  static final List<String> SEEDS = List.of("/", "/api/compact", "/api/agreements", "/api/obligations", "/api/norms",
      "/api/norms?party=GBR", "/api/norms?state=breached", "/api/norms?state=pending", "/api/transitions?limit=500", "/api/incidents",
      "/api/consultations", "/api/support", "/api/support?guarantor=GBR", "/api/calendar/GBR.ics", "/api/calendar/UKR.ics", "/incidents",
      "/ledger", "/ledger.csv", "/ledger?guarantor=GBR", "/obligations?kind=all", "/obligations?state=pending&kind=all", "/coverage",
      "/coverage.csv");

  /**
   * Restricted and secret records (an incident, the consultation on it, a delivery) change nothing a
   * public reader can see: every public page and export is the same, byte for byte, before and after
   * they are recorded, so not even a count gives them away. Cleared readers see them as their
   * clearance allows, and a classified record may not change a public obligation.
   */
  @Test
  void classifiedRecordsLeaveEveryPublicPageAsItWas(@TempDir Path dir) throws Exception {
    // A restricted commitment (signals equipment) that support can count against.
    CompactCopy compact = CompactCopy.kyiv(dir).withUkText("""

        The United Kingdom will also provide signals equipment as a separate arrangement provides.

        ```clause
        id: gbr-signals-2026
        title: Signals equipment
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: information
        classification: restricted
        amount: {value: 50000000, currency: GBP}
        period: {start: 2026-01-01, end: 2026-12-31}
        ```
        """);
    try (ConfigurableApplicationContext context = compact.start()) {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
      Tokens tokens = Tokens.create(context);
      // Something public first, so that the pages have content to keep unchanged.
      AccessMatrixIntegrationTests.ok(http.post("/api/incidents", "application/json", AccessMatrixIntegrationTests.incident("open-1"),
          Tokens.bearer(tokens.ukr())));
      AccessMatrixIntegrationTests.ok(http.post("/api/incidents/open-1/verify", "application/json", "{\"by\": \"UKR\"}",
          Tokens.bearer(tokens.secretariat())));
      AccessMatrixIntegrationTests.ok(http.post("/api/consultations", "application/json",
          "{\"id\": \"open-c\", \"requestedBy\": \"UKR\", \"incident\": \"open-1\"}", Tokens.bearer(tokens.ukr())));
      AccessMatrixIntegrationTests.ok(http.post("/api/consultations/open-c/measures", "application/json", """
          {"measures": [{"id": "m1", "obligor": "GBR", "action": "deliver air defence", "domain": "military",
            "amount": {"value": 500000000, "currency": "GBP"}, "within": "P30D"}], "agreed": ["GBR"]}""",
          Tokens.bearer(tokens.secretariat())));
      Map<String, String> before = new LinkedHashMap<>();
      for (String path : crawl(http, SEEDS, RECORD_MARKER, "gbr-signals")) {
        before.put(path, unsuggested(http.get(path.replace("&amp;", "&")).body()));
      }
      assertThat(before).hasSizeGreaterThan(30);
      var store = context.getBean(dev.compact.service.RecordService.class).store();
      // The public event stream, listened to while the classified records are made.
      java.util.concurrent.BlockingQueue<String> streamed = new java.util.concurrent.LinkedBlockingQueue<>();
      java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
          + context.getEnvironment().getProperty("local.server.port") + "/api/stream")).build(),
          HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(streamed::add));

      // A restricted armed attack with evidence, verified, and consultations on it.
      AccessMatrixIntegrationTests.ok(http.post("/api/incidents", "application/json", """
          {"id": "%1$s-inc", "kind": "armed-attack", "place": "UA-63", "severity": 4, "reportedBy": "UKR", "attacker": "RUS", "classification": "restricted",
           "evidence": [{"outlet": "%1$s outlet", "quotation": "%1$s seen"}]}""".formatted(RECORD_MARKER), Tokens.bearer(tokens.ukr())));
      AccessMatrixIntegrationTests.ok(http.post("/api/incidents/" + RECORD_MARKER + "-inc/verify", "application/json", "{\"by\": \"UKR\"}",
          Tokens.bearer(tokens.secretariat())));
      // Requested as public, it is classified with its incident.
      AccessMatrixIntegrationTests.ok(http.post("/api/consultations", "application/json",
          "{\"id\": \"" + RECORD_MARKER + "-cons\", \"requestedBy\": \"UKR\", \"incident\": \"" + RECORD_MARKER + "-inc\"}",
          Tokens.bearer(tokens.ukr())));
      AccessMatrixIntegrationTests.ok(http.post("/api/consultations/" + RECORD_MARKER + "-cons/held", "application/json",
          "{\"attended\": [\"GBR\"]}", Tokens.bearer(tokens.gbr())));
      // A restricted humanitarian delivery that counts against nothing public, and a secret incident.
      AccessMatrixIntegrationTests.ok(http.post("/api/deliveries", "application/json", """
          {"guarantor": "GBR", "category": "humanitarian", "items": [{"item": "%s kits", "quantity": 40}], "classification": "restricted"}"""
          .formatted(RECORD_MARKER), Tokens.bearer(tokens.gbr())));
      // Secret records need secret clearance: an account that holds the secretariat's role as well as the desk's.
      var accounts = context.getBean(dev.compact.access.Accounts.class);
      accounts.add("ua-cell", List.of("secretariat", "protected:UKR"));
      String cell = accounts.issue("ua-cell", java.time.Duration.ofDays(1)).token();
      AccessMatrixIntegrationTests.ok(http.post("/api/incidents", "application/json", """
          {"id": "%s-secret", "kind": "cyber-attack", "place": "UKR", "severity": 2, "reportedBy": "UKR", "classification": "secret"}"""
          .formatted(RECORD_MARKER), Tokens.bearer(cell)));
      long head = store.head().seq();
      // A restricted delivery that would fulfil part of a public measure is refused (its progress would tell), and nothing is written.
      HttpResponse<String> writeDown = http.post("/api/deliveries", "application/json", """
          {"guarantor": "GBR", "category": "military", "value": {"value": 100000000, "currency": "GBP"}, "classification": "restricted",
           "countsAgainst": {"consultation": "open-c", "measure": "m1"}}""", Tokens.bearer(tokens.gbr()));
      assertThat(writeDown.statusCode()).as(writeDown.body()).isEqualTo(422);
      assertThat(writeDown.body()).contains("m1", "public", "if it may be known as widely as that obligation, or count it against a clause or"
          + " measure that is restricted too");
      assertThat(store.head().seq()).isEqualTo(head);
      // A delivery counted against a restricted clause is restricted with it, whatever the request said.
      AccessMatrixIntegrationTests.ok(http.post("/api/deliveries", "application/json", """
          {"guarantor": "GBR", "category": "information", "value": {"value": 7000000, "currency": "GBP"},
           "items": [{"item": "%s radios", "quantity": 2}], "countsAgainst": {"agreement": "gbr-ukr-2024", "clause": "gbr-signals-2026"}}"""
          .formatted(RECORD_MARKER), Tokens.bearer(tokens.gbr())));
      // Whether an id is free answers the same for everyone: a desk trying the secret incident's id learns only that it is taken.
      HttpResponse<String> taken = http.post("/api/incidents", "application/json", """
          {"id": "%s-secret", "kind": "cyber-attack", "place": "UKR", "severity": 2, "reportedBy": "UKR"}""".formatted(RECORD_MARKER),
          Tokens.bearer(tokens.ukr()));
      assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
      head = store.head().seq();
      // Nobody classifies above their own clearance: a desk may not make a secret record.
      HttpResponse<String> tooHigh = http.post("/api/incidents", "application/json", """
          {"id": "too-high", "kind": "cyber-attack", "place": "UKR", "severity": 2, "reportedBy": "UKR", "classification": "secret"}""",
          Tokens.bearer(tokens.ukr()));
      assertThat(tooHigh.statusCode()).isEqualTo(403);
      assertThat(store.head().seq()).isEqualTo(head);

      // Public readers: every page and export as it was, and nothing new reachable shows the records.
      Map<String, String> after = new LinkedHashMap<>();
      for (String path : crawl(http, SEEDS, RECORD_MARKER, "gbr-signals")) {
        after.put(path, unsuggested(http.get(path.replace("&amp;", "&")).body()));
      }
      assertThat(after.keySet()).isEqualTo(before.keySet());
      for (String path : before.keySet()) {
        assertThat(after.get(path)).as("public %s changed when classified records were made", path).isEqualTo(before.get(path));
      }
      HttpResponse<String> named = http.get("/api/incidents/" + RECORD_MARKER + "-inc");
      HttpResponse<String> invented = http.get("/api/incidents/" + RECORD_MARKER + "-none");
      assertThat(named.statusCode()).isEqualTo(404).isEqualTo(invented.statusCode());
      assertThat(named.body().replace("-inc", "-none")).isEqualTo(invented.body());

      // The stream carried nothing of them: it goes on to a public consultation's duties, and showed nothing before them.
      recordSentinel(http, tokens);
      List<String> lines = readUntil(streamed, "@sentinel");
      assertThat(lines.getLast()).as("the stream reached the public incident").contains("@sentinel");
      assertThat(lines).noneMatch(line -> line.contains(RECORD_MARKER));

      // Nor do sequence numbers count them: the public is not shown the log's global ones, accounts are.
      assertThat(http.get("/api/incidents").body() + http.get("/api/support").body() + http.get("/api/transitions").body()
          + http.get("/api/norms").body()).doesNotContain("lastSeq", "storeSeq");
      assertThat(lines).noneMatch(line -> line.contains("\"seq\""));
      // Nor do the causes of public transitions recorded after them (issue #11): they name events by
      // time, never by a position in the fold, which counts the classified events before them.
      String publicCauses = http.get("/api/transitions?limit=500").body();
      assertThat(publicCauses).contains("@sentinel", "after the event of ").doesNotContain("event #");
      assertThat(lines).anyMatch(line -> line.contains("@sentinel")).noneMatch(line -> line.contains("event #"));
      // Nor a desk's: below secret clearance the gaps would count the secret events (the incident above) it may
      // not see. Only the secretariat, which sees every event, is given them.
      for (String path : List.of("/api/incidents", "/api/consultations", "/api/support", "/api/transitions", "/api/norms", "/api/obligations")) {
        assertThat(http.get(path, Tokens.bearer(tokens.gbr())).body()).as(path).doesNotContain("lastSeq", "storeSeq", "\"position\"");
      }
      assertThat(http.get("/api/incidents", Tokens.bearer(tokens.secretariat())).body()).contains("lastSeq");
      assertThat(http.get("/api/transitions", Tokens.bearer(tokens.secretariat())).body()).contains("storeSeq");
      // The time the record has reached may be a classified record's: the secretariat sees it, desks and the public do not.
      assertThat(http.get("/api/clock").body()).contains("\"reached\":null");
      assertThat(http.get("/api/clock", Tokens.bearer(tokens.gbr())).body()).contains("\"reached\":null");
      assertThat(http.get("/api/clock", Tokens.bearer(tokens.secretariat())).body()).contains("\"reached\":\"2026-03-01T06:00:00Z\"");

      // Cleared readers see them: a desk the restricted ones, with the duties that arose from them.
      String[] desk = {"Authorization", "Bearer " + tokens.gbr()};
      assertThat(http.get("/api/incidents", desk).body()).contains(RECORD_MARKER + "-inc", "\"classification\":\"restricted\"");
      assertThat(http.get("/api/consultations", desk).body()).contains(RECORD_MARKER + "-cons", "\"classification\":\"restricted\"");
      assertThat(http.get("/api/support?guarantor=GBR", desk).body()).contains(RECORD_MARKER + " kits", RECORD_MARKER + " radios");
      assertThat(http.get("/api/norms?party=GBR", desk).body()).contains("@" + RECORD_MARKER + "-cons");
      // Signed in to the dashboard, a desk reads the restricted records on its pages; the public still does not.
      String[] deskPage = http.signIn(tokens.gbr());
      assertThat(http.get("/incidents", deskPage).body()).contains(RECORD_MARKER + "-inc").doesNotContain(RECORD_MARKER + "-secret");
      assertThat(http.get("/incidents/" + RECORD_MARKER + "-inc", deskPage).body()).contains(RECORD_MARKER + " outlet", "restricted");
      assertThat(http.get("/ledger.csv", deskPage).body()).contains(RECORD_MARKER + " kits");
      assertThat(http.get("/obligations?party=GBR&kind=all", deskPage).body()).contains(RECORD_MARKER + "-cons");
      assertThat(http.get("/incidents").body()).contains("sentinel").doesNotContain(RECORD_MARKER);

      // A desk does not see the secret incident; the secretariat does.
      assertThat(http.get("/api/incidents/" + RECORD_MARKER + "-secret", desk).statusCode()).isEqualTo(404);
      assertThat(http.get("/api/incidents", desk).body()).doesNotContain(RECORD_MARKER + "-secret");
      assertThat(http.get("/api/incidents/" + RECORD_MARKER + "-secret", Tokens.bearer(tokens.secretariat())).body())
          .contains("\"classification\":\"secret\"");
      // The duties to consult on a restricted incident are restricted too: not in the public list.
      assertThat(http.get("/api/norms?party=GBR").body()).doesNotContain(RECORD_MARKER);
    }
  }

  /**
   * Issue #11: two records with the same public events, one with restricted and secret records
   * before and between them, the other without. Everything a public reader receives (every page
   * and endpoint the crawl reaches, the calendar feeds, the ledger CSV, the event stream, the
   * checkpoint) is the same in both, except what docs/service.md says may differ: the checkpoint's
   * tree size, root and signature. Nothing else is normalised.
   */
  @Test
  void publicEventsAfterClassifiedOnesLookTheSameAsWithoutThem(@TempDir Path dir) throws Exception {
    Surfaces plain = publicSurfaces(dir.resolve("plain"), false);
    Surfaces mixed = publicSurfaces(dir.resolve("mixed"), true);
    assertThat(mixed.treeSize()).as("the classified events are in the mixed record's log").isGreaterThan(plain.treeSize());
    assertThat(plain.pages()).hasSizeGreaterThan(30);
    assertThat(mixed.pages().keySet()).isEqualTo(plain.pages().keySet());
    for (String path : plain.pages().keySet()) {
      assertThat(mixed.pages().get(path)).as("public %s differs when classified records come before and between the public ones", path)
          .isEqualTo(plain.pages().get(path));
    }
    assertThat(plain.stream()).anyMatch(line -> line.contains("@sentinel"));
    // The stream once named causes "event #N", a position that counts the classified events before it.
    assertThat(mixed.stream()).noneMatch(line -> line.contains("event #"));
    assertThat(mixed.stream()).as("the public event stream").isEqualTo(plain.stream());
    assertThat(mixed.checkpointOrigin()).isEqualTo(plain.checkpointOrigin());
    // The log's public endpoints: the keys and policy the same (the log's key is drawn afresh for each
    // record); the checkpoint as above; a proof's size is the tree size, public by design.
    assertThat(mixed.logKeys()).as("/api/log/keys").isEqualTo(plain.logKeys()).contains("\"log\":\"LOG-KEY\"", "\"witnesses\":[]");

    // The public export: each verifies offline; its public events are the same in both records; the
    // mixed one adds one leaf per classified event (its position, type, times and classification,
    // public by design: docs/transparency.md) and nothing else.
    assertThat(plain.exportProblem()).isEmpty();
    assertThat(mixed.exportProblem()).isEmpty();
    assertThat(plain.export()).hasSize((int) plain.treeSize()).noneMatch(line -> line.has("leaf") && !line.has("event"));
    assertThat(mixed.export()).hasSize((int) mixed.treeSize());
    // Before a classified event the service lets time pass, publicly, to its time when the record is
    // new or a deadline falls due by then (RecordService.letTimePass), so that what time alone does is
    // not taken for the classified event's effect. That time-advanced event says only what the
    // classified leaf after it says (that something happened then): the one other difference allowed.
    List<JsonNode> beforeClassified = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < mixed.export().size(); i++) {
      JsonNode line = mixed.export().get(i);
      JsonNode next = mixed.export().get(i + 1);
      if (line.has("event") && !next.has("event") && line.get("leaf").asString().contains("\ntype time-advanced\n")
          && line.get("event").get("actor").asString().equals("clock")
          && occurred(line).equals(occurred(next)) && line.get("event").get("payload").asString().equals("{}")) {
        beforeClassified.add(line);
      }
    }
    assertThat(beforeClassified).as("time let pass before the classified event that opens the record").hasSize(1);
    List<JsonNode> mixedPublic = mixed.export().stream().filter(line -> !beforeClassified.contains(line)).toList();
    assertThat(publicLines(mixedPublic)).as("the public events of the export").isEqualTo(publicLines(plain.export()));
    List<JsonNode> classifiedLeaves = mixed.export().stream().filter(line -> !line.has("event")).toList();
    assertThat(classifiedLeaves).as("one leaf per classified event")
        .hasSize((int) (mixed.treeSize() - plain.treeSize()) - beforeClassified.size());
    for (JsonNode line : classifiedLeaves) {
      assertThat(line.propertyNames()).as("a classified event is its leaf alone").containsExactly("leaf");
      assertThat(line.get("leaf").asString()).matches("compact-leaf/v1\nindex \\d+\ntype [a-z-]+\noccurred \\S+\nrecorded \\S+\n"
          + "classification (restricted|secret)\ncontent [0-9a-f]{64}\n");
    }
    assertThat(String.join("", mixed.export().stream().map(JsonNode::toString).toList())).doesNotContain(RECORD_MARKER);

    // Checkpoints only: no leaf at all, so not even where classified events lie; the checkpoints
    // differ in what every checkpoint says, the tree size (which counts every event), the root and
    // the signature, and in nothing else.
    assertThat(mixed.checkpointsOnly().keySet()).isEqualTo(plain.checkpointsOnly().keySet()).contains("checkpoints/0.note")
        .allMatch(name -> name.matches("checkpoints/\\d+\\.note"));
    for (String name : plain.checkpointsOnly().keySet()) {
      assertThat(checkpointShape(mixed.checkpointsOnly().get(name))).isEqualTo(checkpointShape(plain.checkpointsOnly().get(name)));
    }
  }

  /**
   * The export's public lines as a reader compares them: the leaf's index (its position, public by
   * design) and the per-event random salt, with the content digest it enters, set aside; each export
   * was checked whole by the verifier before this.
   */
  private static List<String> publicLines(List<JsonNode> export) {
    return export.stream().filter(line -> line.has("event")).map(line -> {
      tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) line.deepCopy();
      copy.put("leaf", line.get("leaf").asString().replaceFirst("\nindex \\d+\n", "\nindex _\n")
          .replaceFirst("\ncontent [0-9a-f]{64}\n", "\ncontent _\n"));
      ((tools.jackson.databind.node.ObjectNode) copy.get("event")).put("salt", "_");
      return copy.toString();
    }).toList();
  }

  private static String occurred(JsonNode line) {
    Matcher m = Pattern.compile("\noccurred (\\S+)\n").matcher(line.get("leaf").asString());
    return m.find() ? m.group(1) : "";
  }

  /** A checkpoint note with its size, root and signatures set aside: what is left must not differ. */
  private static String checkpointShape(String note) {
    dev.compact.transparency.Note parsed = dev.compact.transparency.Note.parse(note);
    Checkpoint checkpoint = Checkpoint.parse(parsed.text());
    return checkpoint.origin() + " " + checkpoint.extensions() + " " + parsed.signatures().stream()
        .map(dev.compact.transparency.Note.Signature::name).toList();
  }

  /** What a public reader of one record receives. */
  record Surfaces(Map<String, String> pages, List<String> stream, long treeSize, String checkpointOrigin, String logKeys,
      List<JsonNode> export, java.util.Optional<String> exportProblem, Map<String, String> checkpointsOnly) {}

  /**
   * Records the same public events in a fresh service, with {@code classified} a burst of restricted
   * and secret records before the first public one and between each two; then reads every public
   * surface without a token.
   */
  private static Surfaces publicSurfaces(Path dir, boolean classified) throws Exception {
    CompactCopy compact = CompactCopy.kyiv(dir);
    try (ConfigurableApplicationContext context = compact.start()) {
      String port = context.getEnvironment().getProperty("local.server.port");
      Http http = new Http(Integer.parseInt(port));
      Tokens tokens = Tokens.create(context);
      var accounts = context.getBean(dev.compact.access.Accounts.class);
      accounts.add("ua-cell", List.of("secretariat", "protected:UKR"));
      String cell = accounts.issue("ua-cell", java.time.Duration.ofDays(1)).token();
      java.util.concurrent.BlockingQueue<String> streamed = new java.util.concurrent.LinkedBlockingQueue<>();
      java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://localhost:" + port + "/api/stream")).build(), HttpResponse.BodyHandlers.ofLines())
          .thenAccept(response -> response.body().forEach(streamed::add));
      // The stream greets each reader first: after that, it misses nothing.
      assertThat(streamed.poll(20, java.util.concurrent.TimeUnit.SECONDS)).contains("connected");
      int[] burst = {0};
      Runnable hidden = () -> {
        if (!classified) {
          return;
        }
        String id = RECORD_MARKER + "-" + burst[0]++;
        try {
          AccessMatrixIntegrationTests.ok(http.post("/api/incidents", "application/json", """
              {"id": "%1$s-inc", "kind": "armed-attack", "place": "UA-63", "severity": 4, "reportedBy": "UKR", "attacker": "RUS", "classification": "restricted",
               "evidence": [{"outlet": "%1$s outlet", "quotation": "%1$s seen"}]}""".formatted(id), Tokens.bearer(tokens.ukr())));
          AccessMatrixIntegrationTests.ok(http.post("/api/incidents/" + id + "-inc/verify", "application/json", "{\"by\": \"UKR\"}",
              Tokens.bearer(tokens.secretariat())));
          AccessMatrixIntegrationTests.ok(http.post("/api/consultations", "application/json",
              "{\"id\": \"" + id + "-cons\", \"requestedBy\": \"UKR\", \"incident\": \"" + id + "-inc\"}", Tokens.bearer(tokens.ukr())));
          AccessMatrixIntegrationTests.ok(http.post("/api/deliveries", "application/json", """
              {"guarantor": "GBR", "category": "humanitarian", "items": [{"item": "%s kits", "quantity": 40}], "classification": "restricted"}"""
              .formatted(id), Tokens.bearer(tokens.gbr())));
          AccessMatrixIntegrationTests.ok(http.post("/api/incidents", "application/json", """
              {"id": "%s-secret", "kind": "cyber-attack", "place": "UKR", "severity": 2, "reportedBy": "UKR", "classification": "secret"}"""
              .formatted(id), Tokens.bearer(cell)));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      };
      hidden.run();
      AccessMatrixIntegrationTests.ok(http.post("/api/incidents", "application/json", AccessMatrixIntegrationTests.incident("open-1"),
          Tokens.bearer(tokens.ukr())));
      hidden.run();
      AccessMatrixIntegrationTests.ok(http.post("/api/incidents/open-1/verify", "application/json", "{\"by\": \"UKR\"}",
          Tokens.bearer(tokens.secretariat())));
      hidden.run();
      AccessMatrixIntegrationTests.ok(http.post("/api/consultations", "application/json",
          "{\"id\": \"open-c\", \"requestedBy\": \"UKR\", \"incident\": \"open-1\"}", Tokens.bearer(tokens.ukr())));
      hidden.run();
      AccessMatrixIntegrationTests.ok(http.post("/api/consultations/open-c/measures", "application/json", """
          {"measures": [{"id": "m1", "obligor": "GBR", "action": "deliver air defence", "domain": "military",
            "amount": {"value": 500000000, "currency": "GBP"}, "within": "P30D"}], "agreed": ["GBR"]}""",
          Tokens.bearer(tokens.secretariat())));
      hidden.run();
      AccessMatrixIntegrationTests.ok(http.post("/api/deliveries", "application/json", """
          {"guarantor": "GBR", "category": "military", "value": {"value": 100000000, "currency": "GBP"},
           "items": [{"item": "launchers", "quantity": 2}], "countsAgainst": {"consultation": "open-c", "measure": "m1"}}""",
          Tokens.bearer(tokens.gbr())));
      hidden.run();
      // Deadlines pass: public duties are breached, restricted ones too, out of sight.
      assertThat(http.post("/api/clock", "application/json", "{\"advanceBy\": \"PT13H\"}").statusCode()).isEqualTo(200);
      hidden.run();
      recordSentinel(http, tokens);

      List<String> stream = readUntil(streamed, "@sentinel-c");
      Map<String, String> pages = new java.util.TreeMap<>();
      List<String> seeds = new java.util.ArrayList<>(SEEDS);
      seeds.addAll(List.of("/api/incidents/open-1", "/api/consultations/open-c", "/api/transitions?limit=5", "/ledger.csv?guarantor=GBR",
          "/api/norms?state=breached&party=UKR"));
      for (String path : crawl(http, seeds, RECORD_MARKER)) {
        pages.put(path, unsuggested(http.get(path.replace("&amp;", "&")).body()));
      }
      Checkpoint checkpoint = Checkpoint.parse(dev.compact.transparency.Note.parse(http.get("/api/log/checkpoint").body()).text());
      // The public export, both ways a deployment may publish it, of the record as it stands.
      context.getBean(TransparencyLog.class).issue();
      Database database = context.getBean(dev.compact.service.RecordService.class).database();
      PublicExport.write(database, dir.resolve("export"), false);
      PublicExport.write(database, dir.resolve("checkpoints-only"), true);
      List<JsonNode> export = new java.util.ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("export/leaves.jsonl"))) {
        export.add(tools.jackson.databind.json.JsonMapper.builder().build().readTree(line));
      }
      var verified = PublicExport.verify(dir.resolve("export"), context.getBean(TransparencyLog.class).key(), List.of(), 0);
      Map<String, String> checkpointsOnly = new java.util.TreeMap<>();
      try (Stream<Path> files = Files.walk(dir.resolve("checkpoints-only"))) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = dir.resolve("checkpoints-only").relativize(file).toString();
          String note = Files.readString(file);
          if (name.equals("checkpoints/" + Checkpoint.parse(dev.compact.transparency.Note.parse(note).text()).size() + ".note")) {
            // Named by the tree size the note says, compared with the note: the files are told apart by their order.
            name = "checkpoints/" + checkpointsOnly.size() + ".note";
          }
          checkpointsOnly.put(name, note);
        }
      }
      String logKeys = http.get("/api/log/keys").body().replace(context.getBean(TransparencyLog.class).key().text(), "LOG-KEY");
      return new Surfaces(pages, stream, checkpoint.size(), checkpoint.origin(), logKeys, export, verified.problem(), checkpointsOnly);
    }
  }

  /** A public incident, verified, and a consultation on it: the stream's last transitions in a test. */
  private static void recordSentinel(Http http, Tokens tokens) throws Exception {
    AccessMatrixIntegrationTests.ok(http.post("/api/incidents", "application/json", AccessMatrixIntegrationTests.incident("sentinel"),
        Tokens.bearer(tokens.ukr())));
    AccessMatrixIntegrationTests.ok(http.post("/api/incidents/sentinel/verify", "application/json", "{\"by\": \"UKR\"}",
        Tokens.bearer(tokens.secretariat())));
    AccessMatrixIntegrationTests.ok(http.post("/api/consultations", "application/json",
        "{\"id\": \"sentinel-c\", \"requestedBy\": \"UKR\", \"incident\": \"sentinel\"}", Tokens.bearer(tokens.ukr())));
  }

  /** The stream's lines up to the first that contains {@code marker} (all it sent, if that never comes within 20 s). */
  private static List<String> readUntil(java.util.concurrent.BlockingQueue<String> streamed, String marker) throws InterruptedException {
    List<String> lines = new java.util.ArrayList<>();
    boolean reached = false;
    for (String line; !reached && (line = streamed.poll(20, java.util.concurrent.TimeUnit.SECONDS)) != null; ) {
      reached = line.contains(marker);
      lines.add(line);
    }
    return lines;
  }

  /**
   * Forms suggest a fresh random id on every load, and carry a CSRF token masked afresh and a fresh key against
   * being sent twice on every load; none is part of what the record shows.
   */
  private static String unsuggested(String body) {
    return body.replaceAll("(inc|cons)-[0-9a-f]{20}", "$1-suggested").replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"masked\"")
        .replaceAll("name=\"formKey\" value=\"[^\"]*\"", "name=\"formKey\" value=\"masked\"");
  }

  private static final Pattern LINK = Pattern.compile("href=\"(/[^\"#]*)");

  /** Visits the seeds and every same-site link on HTML pages (not the endless event stream). */
  static Set<String> crawl(Http http, java.util.List<String> seeds) {
    return crawl(http, seeds, MARKER, "gbr-intel");
  }

  /** Visits the seeds and every same-site link on HTML pages; no body may contain any of the markers. */
  static Set<String> crawl(Http http, java.util.List<String> seeds, String... markers) {
    Set<String> visited = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>(seeds);
    while (!queue.isEmpty() && visited.size() < 400) {
      String path = queue.poll().replace("&amp;", "&");
      if (!visited.add(path) || path.startsWith("/api/stream") || path.contains("/stream") || path.startsWith("/actuator")) {
        continue;
      }
      HttpResponse<String> response = http.get(path);
      assertThat(response.statusCode()).as(path).isLessThan(500);
      for (String marker : markers) {
        assertThat(response.body()).as("public %s must not show %s", path, marker).doesNotContain(marker);
      }
      Matcher links = LINK.matcher(response.body());
      while (links.find()) {
        if (!links.group(1).startsWith("/webjars") && !links.group(1).endsWith(".css") && !links.group(1).endsWith(".js")) {
          queue.add(links.group(1));
        }
      }
    }
    return visited;
  }
}
