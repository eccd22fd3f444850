package dev.compact.api;

import dev.compact.notify.Calendar;
import dev.compact.notify.TransitionHub;
import dev.compact.service.Fields;
import dev.compact.service.NormView;
import dev.compact.service.NotFound;
import dev.compact.service.RecordService;
import dev.compact.service.TestClock;
import dev.compact.service.TransitionView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Reads: norm instances and their histories, the clock, the live stream and the deadline calendars. */
@RestController
@RequestMapping("/api")
class QueryController {
  private final RecordService record;
  private final TransitionHub hub;
  private final Clock clock;
  private final dev.compact.access.StreamCredentials recheck;
  private final dev.compact.service.CompactCatalog catalog;
  private final boolean demonstration;

  QueryController(RecordService record, TransitionHub hub, Clock clock, dev.compact.access.StreamCredentials recheck,
      dev.compact.service.CompactCatalog catalog,
      @org.springframework.beans.factory.annotation.Value("${compact.demonstration:false}") boolean demonstration) {
    this.catalog = catalog;
    this.demonstration = demonstration;
    this.record = record;
    this.hub = hub;
    this.clock = clock;
    this.recheck = recheck;
  }

  /** Every norm instance, filtered by obligor, state, agreement, kind and due time. */
  @GetMapping("/norms")
  ResponseEntity<List<NormView>> norms(@RequestParam(required = false) String party, @RequestParam(required = false) String state,
      @RequestParam(required = false) String agreement, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String dueBefore, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) Integer offset, jakarta.servlet.http.HttpServletRequest request) {
    var queries = record.queries(ApiAuthentication.clearance(request));
    Instant due = instant(dueBefore);
    String obligor = Filters.party(party, "party");
    String inState = Filters.state(state);
    List<String> kinds = Filters.normKinds(kind);
    String agreementId = Filters.agreement(agreement, catalog, ApiAuthentication.clearance(request));
    return Paging.page(limit, offset, request, page -> queries.norms(obligor, inState, agreementId, kinds, due, page));
  }

  /** Obligations (from clauses and from measures decided at consultations), with their deadlines. */
  @GetMapping("/obligations")
  ResponseEntity<List<NormView>> obligations(@RequestParam(required = false) String party,
      @RequestParam(required = false) String state, @RequestParam(required = false) String agreement,
      @RequestParam(required = false) String dueBefore, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) Integer offset, jakarta.servlet.http.HttpServletRequest request) {
    var queries = record.queries(ApiAuthentication.clearance(request));
    Instant due = instant(dueBefore);
    String obligor = Filters.party(party, "party");
    String inState = Filters.state(state);
    String agreementId = Filters.agreement(agreement, catalog, ApiAuthentication.clearance(request));
    return Paging.page(limit, offset, request, page -> queries.norms(obligor, inState, agreementId, List.of("obligation", "measure"),
        due, page));
  }

  /** One instance and its history of causes. Keys contain '/', so the key is a query parameter. */
  @GetMapping("/norms/instance")
  NormInstanceView instance(@RequestParam String key, jakarta.servlet.http.HttpServletRequest request) {
    var queries = record.queries(ApiAuthentication.clearance(request));
    NormView norm = queries.norm(key).orElseThrow(() -> new NotFound("no norm instance '" + key + "'"));
    return NormInstanceView.of(norm, queries.history(key));
  }

  @GetMapping("/transitions")
  List<TransitionView> transitions(@RequestParam(defaultValue = "50") int limit, jakarta.servlet.http.HttpServletRequest request) {
    if (limit < 1 || limit > Paging.MAX) {
      throw new IllegalArgumentException("'limit' must be from 1 to " + Paging.MAX + " (default 50), not " + limit);
    }
    return record.queries(ApiAuthentication.clearance(request)).recentTransitions(limit);
  }

  /**
   * Transitions as server-sent events, those the caller's clearance shows; a reader that reconnects
   * sends the last id it received (the Last-Event-ID header, or lastEventId where it cannot set headers).
   * A stream opened with a token ends once that token no longer authenticates at the stream's clearance.
   */
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(@org.springframework.web.bind.annotation.RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
      @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter, jakarta.servlet.http.HttpServletRequest request) {
    dev.compact.access.Clearance clearance = ApiAuthentication.clearance(request);
    return hub.subscribe(clearance, java.util.Optional.ofNullable(lastEventId != null ? lastEventId : lastEventIdParameter), java.time.Duration.ZERO,
        recheck.stillCleared(request.getHeader("Authorization"), clearance));
  }

  /** Upcoming deadlines of one party's active obligations, as an iCalendar feed. */
  @GetMapping(path = "/calendar/{party}.ics", produces = "text/calendar")
  ResponseEntity<String> calendar(@PathVariable String party) {
    String code = Fields.party(party, "party").value();
    List<Calendar.Entry> entries = new ArrayList<>();
    for (NormView norm : record.queries().norms(code, "active", null, List.of("obligation", "measure"), null)) {
      if (norm.dueAt() == null) {
        continue;
      }
      entries.add(new Calendar.Entry(norm.instanceKey() + "@compact", norm.dueAt(), code + ": " + norm.action(),
          "Norm " + norm.instanceKey() + ", " + norm.deadline(), ""));
    }
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar; charset=utf-8"))
        .body(Calendar.feed("Compact deadlines of " + code, clock.instant(), entries, demonstration));
  }

  record ClockView(String now, String reached, boolean testClock) {}

  record ClockMove(String advanceBy, String to) {}

  /**
   * The service time, and for readers cleared for secret records the time the record has reached.
   * For no one else: when a classified record is the latest, its time shows there, to the second
   * (a desk would learn when a secret allocation was made). Nobody needs it to write: a write without
   * a time is stamped in order by the record itself, and one with a time is accepted late.
   */
  @GetMapping("/clock")
  ClockView clock(jakarta.servlet.http.HttpServletRequest request) {
    boolean cleared = ApiAuthentication.clearance(request) == dev.compact.access.Clearance.SECRET;
    return new ClockView(clock.instant().toString(), cleared ? record.reached().map(Object::toString).orElse(null) : null,
        clock instanceof TestClock);
  }

  /** Moves a test clock forward (and lets deadlines pass at once). Refused unless the test clock is on. */
  @PostMapping("/clock")
  ClockView move(@RequestBody ClockMove body) {
    if (!(clock instanceof TestClock test)) {
      throw new IllegalArgumentException("this service runs on the real clock; start it with compact.test-clock=true to move time");
    }
    if (body.advanceBy() != null && body.to() != null) {
      throw new IllegalArgumentException("give 'advanceBy' or 'to', not both");
    }
    if (body.advanceBy() != null) {
      Duration by = Duration.parse(body.advanceBy());
      if (by.isNegative()) {
        throw new IllegalArgumentException("time only moves forward");
      }
      test.advance(by);
    } else if (body.to() != null) {
      Instant to = Instant.parse(body.to());
      if (to.isBefore(test.instant())) {
        throw new IllegalArgumentException("time only moves forward: 'to' " + to + " is before the clock's " + test.instant());
      }
      test.set(to);
    } else {
      throw new IllegalArgumentException("give 'advanceBy' (e.g. PT25H) or 'to' (an ISO-8601 instant)");
    }
    record.tick(test.instant());
    return new ClockView(clock.instant().toString(), null, true);
  }

  private static Instant instant(String value) {
    return value == null || value.isBlank() ? null : Fields.optionalInstant(value, "dueBefore").orElseThrow();
  }
}
