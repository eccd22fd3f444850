package dev.compact.cli;

import dev.compact.screening.BatchAnswer;
import dev.compact.screening.QueryText;
import dev.compact.screening.ResultsFile;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.evaluation.CsvTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code compact screen --batch IN.csv --server URL}: screens a batch through a running Compact
 * service's {@code POST /api/screen/batch/rows}, against the lists that service screens with, and
 * writes the same results file the local command writes for the same lists. It loads no list, no
 * index and no transliteration rules, so it starts in a fraction of the local command's time; the
 * service, which keeps its index warm, does the matching.
 */
final class RemoteBatch {
  /** Names per request: the route takes up to 1,000; smaller requests let the service start on the next while this reads one. */
  static final int CHUNK = 250;
  /** Requests in flight at once, each on its own kept-alive connection. */
  static final int IN_FLIGHT = 2;
  /** Tries per request, all told, for what may pass (a dropped connection, a timeout, 429, 502, 503, 504). */
  static final int ATTEMPTS = 4;
  /** The service's largest {@code limit}. */
  static final int MAX_LIMIT = 100;
  /**
   * The batch route that answers each hit as the text of its row of the results file (written by
   * the code the local command writes with), which this client copies into the file: less JSON
   * than /api/screen/batch's hits (0.92 MB against 1.50 MB for the benchmark's 2,683 names), and no
   * hit to take apart.
   */
  static final String ROUTE = "/api/screen/batch/rows";
  /** Where the token comes from when no file is named. */
  static final String TOKEN_ENV = "COMPACT_TOKEN";

  private static final JsonFactory JSON = new JsonFactory();

  private final URI base;
  private final String shown;
  private final Optional<String> token;
  private final int limit;
  private final LocalDate asOf;
  private final PhaseTimings phases;
  private final Pause pause;

  private RemoteBatch(URI base, Optional<String> token, int limit, LocalDate asOf, PhaseTimings phases, Pause pause) {
    this.base = base;
    this.shown = base.toString();
    this.token = token;
    this.limit = limit;
    this.asOf = asOf;
    this.phases = phases;
    this.pause = pause;
  }

  /** Why the batch cannot be screened remotely: said to the user as it is, nothing written. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Screens {@code rows} on {@code server} and writes {@code out} (all or nothing). Exit code 0 when
   * written, 1 after saying why not.
   */
  static int screen(String server, Path tokenFile, java.util.Map<String, String> env, int limit, LocalDate asOf,
      List<CsvTable.Row> rows, Path out, PrintWriter stdout, PrintWriter err, PhaseTimings phases) {
    return screen(server, tokenFile, env, limit, asOf, rows, out, stdout, err, phases, Thread::sleep);
  }

  /** As {@link #screen(String, Path, java.util.Map, int, LocalDate, List, Path, PrintWriter, PrintWriter, PhaseTimings)}, waiting between tries with {@code pause}. */
  static int screen(String server, Path tokenFile, java.util.Map<String, String> env, int limit, LocalDate asOf,
      List<CsvTable.Row> rows, Path out, PrintWriter stdout, PrintWriter err, PhaseTimings phases, Pause pause) {
    try {
      RemoteBatch client = new RemoteBatch(base(server), token(tokenFile, env), limit, asOf, phases, pause);
      client.checkToken();
      List<ScreenCommand.ResultLine> results = new ArrayList<>();
      client.results(rows).forEach(results::addAll);
      stdout.printf("Screened on %s against %s%n", client.shown, client.listsAnswered());
      return ScreenCommand.writeResults(out, rows.size(), results, stdout, err, phases);
    } catch (Refused e) {
      err.println("compact screen: " + e.getMessage());
      err.println("compact screen: nothing was written.");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("compact screen: interrupted; nothing was written.");
      return 1;
    }
  }

  /** The service's address as given, checked: http or https, a host, no user or password in it. */
  static URI base(String server) throws Refused {
    URI uri;
    try {
      uri = new URI(server.strip());
    } catch (java.net.URISyntaxException e) {
      throw new Refused("--server must be the service's address, such as https://compact.example.org, not '" + server + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new Refused("--server must be an http:// or https:// address with a host, such as https://compact.example.org");
    }
    if (uri.getRawUserInfo() != null) {
      // A password in the address would be printed in every error; tokens go in --token-file.
      throw new Refused("--server must not hold a user name or password; give an API token with --token-file or " + TOKEN_ENV);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new Refused("--server is the service's address, without ?query or #fragment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }

  /** The API token from {@code file}, else {@code $COMPACT_TOKEN}; empty when neither gives one. */
  static Optional<String> token(Path file, java.util.Map<String, String> env) throws Refused {
    if (file != null) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new Refused("cannot read the token file " + file + " (" + e.getClass().getSimpleName() + ")");
      }
      if (text.isEmpty() || text.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        throw new Refused("the token file " + file + " must hold one API token (compact users token) and nothing else");
      }
      return Optional.of(text);
    }
    String value = env.get(TOKEN_ENV);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    value = value.strip();
    if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new Refused(TOKEN_ENV + " must hold one API token (compact users token) and nothing else");
    }
    return Optional.of(value);
  }

  /**
   * The service's screening routes need no account and ignore a token, so one given is checked
   * once, on a read route that refuses a bad token (a mistyped, expired or revoked token would
   * otherwise pass unnoticed); and it is sent in the clear only to this machine.
   */
  private void checkToken() throws Refused, InterruptedException {
    if (token.isEmpty()) {
      return;
    }
    if (base.getScheme().equals("http") && !loopback(base.getHost())) {
      throw new Refused("an API token is sent only over https:// (or to this machine); " + shown
          + " is plain http. Use the service's https:// address, or leave the token out: screening needs no account");
    }
    Answer answer = send("GET", "/api/clock", null);
    if (answer.status() == 401 || answer.status() == 403) {
      throw new Refused("the service at " + shown + " refused the API token (HTTP " + answer.status() + problem(answer)
          + "); check --token-file or " + TOKEN_ENV + " (compact users token issues a new one)");
    }
    if (answer.status() != 200) {
      throw new Refused("the service at " + shown + " answered HTTP " + answer.status() + problem(answer)
          + " when the token was checked (GET /api/clock); is it a Compact service?");
    }
    phases.mark("token checked");
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** One query to send, or a row answered here (refused before it reaches the service, as the local command refuses it). */
  private record Prepared(CsvTable.Row source, Optional<List<String>> refused) {}

  /** One request's rows as output lines, row by row, and the lists that answered it (none when no row reached the service). */
  private record Part(List<List<ScreenCommand.ResultLine>> lines, Optional<List<String>> lists) {}

  /**
   * The output lines of each row, in row order. The file is cut into parts of {@link #CHUNK} rows,
   * each prepared, sent and turned into lines by the thread that sends it, so that the first request
   * leaves before the last rows are read and the lines are ready when the last answer comes.
   */
  private List<List<ScreenCommand.ResultLine>> results(List<CsvTable.Row> rows) throws Refused, InterruptedException {
    List<List<CsvTable.Row>> parts = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += CHUNK) {
      parts.add(rows.subList(from, Math.min(rows.size(), from + CHUNK)));
    }
    // A list version recorded on the service during the batch swaps its index between two requests:
    // the batch is then screened again from the start, so that one file never mixes two sets of lists.
    Part[] answered = screenParts(parts);
    Optional<String> changed = changedLists(answered);
    if (changed.isPresent()) {
      answered = screenParts(parts);
      changed = changedLists(answered);
      if (changed.isPresent()) {
        throw new Refused("the service's lists changed twice during the batch (" + changed.get() + "); run it again");
      }
    }
    List<List<ScreenCommand.ResultLine>> lines = new ArrayList<>(rows.size());
    int requests = 0;
    for (Part part : answered) {
      lines.addAll(part.lines());
      if (part.lists().isPresent()) {
        if (requests == 0) {
          lists = part.lists().get();
        }
        requests++;
      }
    }
    phases.mark("screening on the service (" + requests + " requests)");
    return lines;
  }

  /** Prepares one part's rows, sends those not refused here in one request and returns the part's lines. */
  private Part screenPart(List<CsvTable.Row> rows) throws Refused, InterruptedException {
    List<Prepared> prepared = new ArrayList<>(rows.size());
    List<Prepared> remote = new ArrayList<>(rows.size());
    for (CsvTable.Row row : rows) {
      Prepared p = prepare(row);
      prepared.add(p);
      if (p.refused().isEmpty()) {
        remote.add(p);
      }
    }
    Optional<Chunk> chunk = remote.isEmpty() ? Optional.empty() : Optional.of(post(remote));
    List<List<ScreenCommand.ResultLine>> lines = new ArrayList<>(rows.size());
    int q = 0;
    for (Prepared p : prepared) {
      lines.add(p.refused().isPresent()
          ? List.of(ScreenCommand.ResultLine.of(line(p.source(), "REJECTED", p.refused().get().getFirst())))
          : chunk.orElseThrow().results().get(q++).lines(p.source()));
    }
    return new Part(lines, chunk.map(Chunk::lists));
  }

  /** The lists that answered, as the service named them; empty when every row was refused here. */
  private List<String> lists = List.of();

  private Prepared prepare(CsvTable.Row row) {
    String name = row.get("name");
    // The local command's checks, in its order and words (BatchAnswer, QueryText, ScreeningQuery):
    // the service words a blank or overlong name its own way, and a file must not depend on where it was screened.
    if (name == null || name.isBlank()) {
      return new Prepared(row, Optional.of(List.of("the name is empty")));
    }
    List<String> problems = new ArrayList<>();
    ScreeningQuery query = QueryText.query(name, ScreenCommand.optional(row, "type"), ScreenCommand.optional(row, "dob"),
        ScreenCommand.optional(row, "country"), BatchAnswer.identifiers(ScreenCommand.optional(row, "id")), problems);
    if (problems.isEmpty() && name.length() > ScreeningQuery.MAX_NAME_LENGTH) {
      problems.addAll(query.problems());
    }
    return new Prepared(row, problems.isEmpty() ? Optional.empty() : Optional.of(List.of(String.join("; ", problems))));
  }

  /** One row of the results file, as the local command writes it. */
  static List<String> line(CsvTable.Row row, String decision, String explanation) {
    return List.of(String.valueOf(row.line() - 1), String.valueOf(row.line()), row.get("name"), decision, "", "", "", "", "",
        explanation);
  }

  /** Every part's lines, in order; a part is put in its slot once, whatever was retried. */
  private Part[] screenParts(List<List<CsvTable.Row>> parts) throws Refused, InterruptedException {
    AtomicReferenceArray<Part> slots = new AtomicReferenceArray<>(parts.size());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(IN_FLIGHT, parts.size())), r -> {
      Thread t = new Thread(r, "compact-screen-client");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < parts.size(); c++) {
        int index = c;
        futures.add(pool.submit(() -> {
          Part part = screenPart(parts.get(index));
          slots.compareAndSet(index, null, part);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Refused refused) {
            throw refused;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Part[] all = new Part[parts.size()];
    for (int c = 0; c < all.length; c++) {
      all[c] = slots.get(c);
    }
    return all;
  }

  private static Optional<String> changedLists(Part[] parts) {
    List<String> first = null;
    for (Part part : parts) {
      if (part.lists().isEmpty()) {
        continue;
      }
      if (first == null) {
        first = part.lists().get();
      } else if (!part.lists().get().equals(first)) {
        return Optional.of("first " + String.join(", ", first) + ", then " + String.join(", ", part.lists().get()));
      }
    }
    return Optional.empty();
  }

  /** Posts one chunk, retrying what may pass; the answer checked to hold one result per query, in order. */
  private Chunk post(List<Prepared> chunk) throws Refused, InterruptedException {
    Answer answer = send("POST", ROUTE, body(chunk));
    if (answer.status() == 200) {
      return Chunk.read(answer.body(), chunk.size(), shown);
    }
    if (answer.status() == 401 || answer.status() == 403) {
      // A Compact service screens without an account: a refusal here is most often another route under a wrong address.
      throw new Refused("the service at " + shown + " refused POST " + ROUTE + " (HTTP " + answer.status() + problem(answer)
          + "); a Compact service screens without an account, so check the address"
          + (token.isEmpty() ? " (a gateway in front of it may want an API token: --token-file or " + TOKEN_ENV + ")" : ""));
    }
    throw new Refused("the service at " + shown + " answered HTTP " + answer.status() + problem(answer) + " to POST " + ROUTE
        + (answer.status() == 404 ? "; is it a Compact service (check the address)? A service older than this client (before"
            + " 2026-12-08) has no such route: upgrade it, or screen here without --server" : "; is it a Compact service?"));
  }

  /** Statuses that say "not now" rather than "no": too many requests, a gateway or the service itself not ready. */
  private static boolean passing(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  /** The request body: the chunk's queries as the route reads them. */
  private byte[] body(List<Prepared> chunk) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(chunk.size() * 64);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartArray();
      for (Prepared p : chunk) {
        CsvTable.Row row = p.source();
        g.writeStartObject();
        g.writeStringProperty("name", row.get("name"));
        field(g, "type", ScreenCommand.optional(row, "type"));
        field(g, "dob", ScreenCommand.optional(row, "dob"));
        field(g, "country", ScreenCommand.optional(row, "country"));
        List<String> ids = BatchAnswer.identifiers(ScreenCommand.optional(row, "id"));
        if (!ids.isEmpty()) {
          g.writeName("ids");
          g.writeStartArray();
          for (String id : ids) {
            g.writeString(id);
          }
          g.writeEndArray();
        }
        g.writeNumberProperty("limit", limit);
        if (asOf != null) {
          g.writeStringProperty("asOf", asOf.toString());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    return bytes.toByteArray();
  }

  private static void field(JsonGenerator g, String name, String value) {
    if (value != null && !value.isBlank()) {
      g.writeStringProperty(name, value);
    }
  }

  /** A status, its body and the Retry-After it gave, if any. */
  private record Answer(int status, byte[] body, Optional<Long> retryAfterMillis) {}

  /**
   * One request on a kept-alive connection (the JDK's {@code HttpURLConnection}: no selector thread,
   * TLS through the JDK's trust store and host name check), tried again on what may pass: a dropped
   * or refused connection, a timeout, and 429, 502, 503 or 504. One budget of {@link #ATTEMPTS}
   * tries covers both kinds, so a connection failure between two 503s cannot multiply the tries; an
   * unknown host or a TLS failure is not tried again. Any other status is returned as it is.
   */
  private Answer send(String method, String path, byte[] body) throws Refused, InterruptedException {
    String last = "";
    IOException failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<Long> wait = Optional.empty();
      try {
        Answer answer = once(method, path, body);
        if (!passing(answer.status())) {
          return answer;
        }
        last = "HTTP " + answer.status() + problem(answer);
        failure = null;
        wait = answer.retryAfterMillis();
      } catch (UnknownHostException e) {
        throw new Refused("cannot reach the service at " + shown + ": unknown host " + base.getHost());
      } catch (SSLException e) {
        throw new Refused("cannot reach the service at " + shown + " over TLS: " + e.getMessage()
            + " (the JDK's trust store must hold the certificate's issuer: -Djavax.net.ssl.trustStore=... in COMPACT_JAVA_OPTS)");
      } catch (IOException e) {
        failure = e;
      }
      if (attempt < ATTEMPTS) {
        pause.sleep(wait.orElse(backoffMillis(attempt)));
      }
    }
    if (failure == null) {
      throw new Refused("the service at " + shown + " kept answering " + last + " (" + ATTEMPTS + " tries)");
    }
    String why = switch (failure) {
      case ConnectException c -> "connection refused; is the service running there (compact serve)?";
      case SocketTimeoutException t -> "no answer in time";
      default -> failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    };
    throw new Refused("cannot reach the service at " + shown + " (" + ATTEMPTS + " tries): " + why);
  }

  /** The wait after the {@code attempt}th try when the service gave no Retry-After: 0.25, 0.5, then 1 s. */
  static long backoffMillis(int attempt) {
    return 250L << (attempt - 1);
  }

  /** How the client waits between tries; tests count the waits instead of sleeping through them. */
  @FunctionalInterface
  interface Pause {
    void sleep(long millis) throws InterruptedException;
  }

  private Answer once(String method, String path, byte[] body) throws IOException {
    // String.concat, not +: joining the URI itself with + linked a concatenation the JVM's AOT cache
    // does not hold, which spun a method handle's class (about 0.1 s) before the first request left.
    HttpURLConnection c = (HttpURLConnection) URI.create(shown.concat(path)).toURL().openConnection();
    c.setConnectTimeout(10_000);
    // A chunk of 250 names takes a warm service a fraction of a second; a cold one builds its index first.
    c.setReadTimeout(300_000);
    c.setInstanceFollowRedirects(false);
    c.setRequestMethod(method);
    c.setRequestProperty("Accept", "application/json");
    token.ifPresent(t -> c.setRequestProperty("Authorization", "Bearer " + t));
    if (body != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.setFixedLengthStreamingMode(body.length);
      try (OutputStream o = c.getOutputStream()) {
        o.write(body);
      }
    }
    int status = c.getResponseCode();
    byte[] answer;
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      answer = in == null ? new byte[0] : in.readAllBytes();
    }
    Optional<Long> retryAfter = Optional.ofNullable(c.getHeaderField("Retry-After")).flatMap(v -> {
      try {
        return Optional.of(Math.min(10_000L, Math.max(0L, Long.parseLong(v.strip()) * 1000)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
    return new Answer(status, answer, retryAfter);
  }

  /** The problem document's detail (RFC 9457), or nothing. */
  private static String problem(Answer answer) {
    try (JsonParser p = JSON.createParser(answer.body())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return "";
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("detail") && p.currentToken() == JsonToken.VALUE_STRING) {
          return ": " + p.getString();
        }
        p.skipChildren();
      }
    } catch (JacksonException e) {
      // Not a problem document: the status alone says it.
    }
    return "";
  }

  /** What the lists line of the summary says. */
  String listsAnswered() {
    return lists.isEmpty() ? "(no name reached the service)" : String.join(", ", lists);
  }

  /** One chunk's answer: its results in order and the lists that answered them. */
  record Chunk(List<Result> results, List<String> lists) {

    /** Reads and checks an answer of {@code POST /api/screen/batch/rows} to {@code size} queries. */
    static Chunk read(byte[] json, int size, String server) throws Refused {
      List<Result> results = new ArrayList<>(size);
      List<String> lists = new ArrayList<>();
      try (JsonParser p = JSON.createParser(json)) {
        expect(p.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          switch (field) {
            case "results" -> {
              expect(value == JsonToken.START_ARRAY, "'results' is not an array");
              while (p.nextToken() == JsonToken.START_OBJECT) {
                results.add(Result.read(p, results.size()));
              }
            }
            case "lists" -> {
              expect(value == JsonToken.START_ARRAY, "'lists' is not an array");
              while (p.nextToken() == JsonToken.START_OBJECT) {
                lists.add(list(p));
              }
            }
            default -> p.skipChildren();
          }
        }
      } catch (JacksonException | IllegalStateException e) {
        throw new Refused("the service at " + server + " answered POST " + ROUTE + " with what is not a Compact batch answer ("
            + e.getMessage() + ")");
      }
      if (results.size() != size) {
        throw new Refused("the service at " + server + " answered " + results.size() + " results to " + size + " queries");
      }
      return new Chunk(List.copyOf(results), List.copyOf(lists));
    }

    /** "OFAC SDN 1a2b3c4d5e6f (ofac, in force from 2024-01-01)", as the answer names a list. */
    private static String list(JsonParser p) {
      String name = "";
      String version = "";
      String source = null;
      String from = null;
      String note = null;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "name" -> name = p.getString();
          case "version" -> version = p.getString();
          case "source" -> source = p.getString();
          case "inForceFrom" -> from = p.getString();
          case "note" -> note = p.getString();
          default -> p.skipChildren();
        }
      }
      return name + " " + version + (source == null ? "" : " (" + source + (from == null ? "" : ", in force from " + from) + ")")
          + (note == null ? "" : " [" + note + "]");
    }
  }

  /** One query's result: its hits as the text of their rows from the decision column on, or the problems that kept it from being screened. */
  record Result(List<String> rows, List<String> problems) {

    static Result read(JsonParser p, int position) {
      List<String> rows = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      int index = -1;
      boolean screened = false;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "index" -> index = p.getIntValue();
          case "rows" -> {
            expect(value == JsonToken.START_ARRAY, "'rows' is not an array");
            screened = true;
            while (p.nextToken() == JsonToken.VALUE_STRING) {
              rows.add(row(p.getString()));
            }
          }
          case "problems" -> {
            expect(value == JsonToken.START_ARRAY, "'problems' is not an array");
            while (p.nextToken() == JsonToken.VALUE_STRING) {
              problems.add(p.getString());
            }
          }
          default -> p.skipChildren();
        }
      }
      expect(index == position, "result " + position + " has index " + index);
      expect(screened == problems.isEmpty(), "result " + position + " has " + (screened ? "both rows and problems" : "neither rows nor problems"));
      return new Result(List.copyOf(rows), List.copyOf(problems));
    }

    /**
     * A hit's row as the service wrote it, checked before it goes into the file: one CSV record of
     * the hit's columns (a line break only inside quotes, so that it cannot add a line of its own),
     * whose decision is one a hit has.
     */
    private static String row(String text) {
      expect(ResultsFile.countCells(text) == ResultsFile.HIT_COLUMNS, "a row is not " + ResultsFile.HIT_COLUMNS + " CSV cells");
      expect(text.startsWith("ALERT,") || text.startsWith("REVIEW,"), "a row's decision is not ALERT or REVIEW");
      return text;
    }

    /** The output lines of this result for {@code row}, as the local command writes them. */
    List<ScreenCommand.ResultLine> lines(CsvTable.Row row) {
      if (!problems.isEmpty()) {
        return List.of(ScreenCommand.ResultLine.of(line(row, "REJECTED", String.join("; ", problems))));
      }
      if (rows.isEmpty()) {
        return List.of(ScreenCommand.ResultLine.of(line(row, "NONE", "")));
      }
      String number = String.valueOf(row.line() - 1);
      // The row's own columns as the local command writes them, then the service's text of the hit's.
      String head = ResultsFile.cells(List.of(number, String.valueOf(row.line()), row.get("name"))) + ",";
      List<ScreenCommand.ResultLine> lines = new ArrayList<>(rows.size());
      for (String hit : rows) {
        lines.add(new ScreenCommand.ResultLine(number, hit.substring(0, hit.indexOf(',')), head + hit + "\n"));
      }
      return lines;
    }
  }

  private static void expect(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException(what);
    }
  }
}
