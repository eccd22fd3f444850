package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.access.Accounts;
import dev.compact.access.Clearance;
import dev.compact.notify.TransitionHub;
import dev.compact.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A stream's credentials are asked again before anything is sent, on both streams, on SQLite and PostgreSQL.
 * The backlog a reader resumed into was sent a page at a time on the strength of a check made before the page was
 * read, so a page of transitions went out after a revocation; and the dashboard's {@code /live} did not ask again at
 * all, relying on its one-minute lifetime.
 */
@ExtendWith(OutputCaptureExtension.class)
class StreamRecheckIntegrationTests {
  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  /** How often the controlled stream's credentials were asked about; they hold at the first question only. */
  static final AtomicInteger ASKED = new AtomicInteger();

  /** A restricted stream that resumes from the first transition, opened with credentials revoked once first asked about. */
  @RestController
  static class RevokedWhileReadingBacklog {
    private final TransitionHub hub;

    RevokedWhileReadingBacklog(TransitionHub hub) {
      this.hub = hub;
    }

    @GetMapping(path = "/api/test/backlog", produces = "text/event-stream")
    SseEmitter backlog() {
      return hub.subscribe(Clearance.RESTRICTED, Optional.of("r0"), Duration.ZERO, () -> ASKED.getAndIncrement() == 0);
    }
  }

  /** A stream whose check of its reader fails on a bug (a stand-in for any programming error in the stream's thread). */
  @RestController
  static class CheckWithABug {
    private final TransitionHub hub;

    CheckWithABug(TransitionHub hub) {
      this.hub = hub;
    }

    @GetMapping(path = "/api/test/bug", produces = "text/event-stream")
    SseEmitter bug() {
      return hub.subscribe(Clearance.PUBLIC, Optional.empty(), Duration.ZERO, () -> {
        throw new UnsupportedOperationException("a bug in the stream's check");
      });
    }
  }

  /**
   * A stream that ended on a bug was logged as the exception's name and message only, at warn: nothing said where it
   * came from. Its trace is logged now, once per kind of failure by a service, and a later stream's end in one line.
   */
  @org.junit.jupiter.api.Test
  void aStreamEndedByABugLogsItsTraceOnceAndThenOneLine(CapturedOutput output) throws Exception {
    try (ConfigurableApplicationContext context = start("sqlite", "--spring.main.sources=" + CheckWithABug.class.getName())) {
      Http http = RecordApiIntegrationTests.http(context);
      int before = output.getAll().length();

      for (int i = 0; i < 2; i++) {
        HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + http.port() + "/api/test/bug")).build(), HttpResponse.BodyHandlers.ofLines());
        CompletableFuture.supplyAsync(() -> stream.body().toList()).get(30, TimeUnit.SECONDS);
      }

      String log = output.getAll().substring(before);
      assertThat(log).contains("an event stream ended on an unexpected failure; its client reconnects",
          "java.lang.UnsupportedOperationException: a bug in the stream's check", "\tat dev.compact.");
      assertThat(log.split("\tat dev.compact.api.StreamRecheckIntegrationTests", -1)).as("one trace").hasSize(2);
      assertThat(log).contains("an event stream ended on an unexpected failure (its trace is logged above); its client reconnects: "
          + "java.lang.UnsupportedOperationException: a bug in the stream's check");
    }
  }

  static ConfigurableApplicationContext start(String kind, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--compact.db=" + TestDatabases.freshUrl(kind),
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.test-clock=true",
        "--compact.test-clock-start=" + RecordApiIntegrationTests.START, "--compact.tick-interval=PT1H", "--compact.stream-recheck=PT1S"));
    args.addAll(List.of(more));
    return ServiceApplication.start(args.toArray(String[]::new));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aBacklogRevokedWhileItWasReadIsNotSent(String kind) throws Exception {
    try (ConfigurableApplicationContext context = start(kind, "--spring.main.sources=" + RevokedWhileReadingBacklog.class.getName())) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      StreamRevocationIntegrationTests.consultation(http, tokens, "bk");
      assertThat(http.get("/api/transitions", Tokens.bearer(tokens.secretariat())).body()).contains("bk");
      ASKED.set(0);

      HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + http.port() + "/api/test/backlog")).build(), HttpResponse.BodyHandlers.ofLines());
      List<String> lines = CompletableFuture.supplyAsync(() -> stream.body().toList()).get(30, TimeUnit.SECONDS);

      assertThat(lines).as("the stream ended without a transition").noneMatch(line -> line.startsWith("data:"))
          .anyMatch(line -> line.contains("no longer hold"));
      assertThat(ASKED.get()).isGreaterThan(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theDashboardsLiveStreamEndsOnceItsSessionNoLongerHolds(String kind) throws Exception {
    // A lifetime of zero: the streams would never end by themselves.
    try (ConfigurableApplicationContext context = start(kind, "--compact.dashboard-stream-lifetime=PT0S")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      Accounts accounts = context.getBean(Accounts.class);
      StreamRevocationIntegrationTests.Stream revoked = live(http, http.signIn(tokens.gbr()));
      StreamRevocationIntegrationTests.Stream disabled = live(http, http.signIn(tokens.deu()));
      StreamRevocationIntegrationTests.Stream idle = live(http, http.signIn(tokens.usa()));
      StreamRevocationIntegrationTests.Stream kept = live(http, http.signIn(tokens.secretariat()));
      StreamRevocationIntegrationTests.consultation(http, tokens, "lv-before");
      for (StreamRevocationIntegrationTests.Stream live : List.of(revoked, disabled, idle, kept)) {
        assertThat(live.until("lv-before")).as("the stream carried the restricted duties").isTrue();
      }

      // With no transition coming, a session whose token was revoked ends its stream at the next recheck.
      accounts.revoke(tokens.usa());
      assertThat(idle.ended().get(20, TimeUnit.SECONDS)).isTrue();

      // A transition comes after the revocation and the disabling: neither stream sends it; both end.
      accounts.revoke(tokens.gbr());
      accounts.disable("de-desk");
      StreamRevocationIntegrationTests.consultation(http, tokens, "lv-after");
      assertThat(kept.until("lv-after")).as("a stream whose session holds goes on").isTrue();
      for (StreamRevocationIntegrationTests.Stream live : List.of(revoked, disabled, idle)) {
        assertThat(live.ended().get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(live.lines()).noneMatch(line -> line.contains("lv-after"));
      }
    }
  }

  /**
   * Only a revoked token and a disabled account were tried against the streams. Signing out (the session deleted), a
   * session idle past its timeout on the service's clock, and a token past its expiry end them as well, with or without
   * a transition coming, on the real server.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void theStreamsEndOnSigningOutOnAnIdleSessionAndOnAnExpiredToken(String kind) throws Exception {
    try (ConfigurableApplicationContext context = start(kind, "--compact.dashboard-stream-lifetime=PT0S")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      dev.compact.service.TestClock clock = context.getBean(dev.compact.service.TestClock.class);
      String[] leaving = http.signIn(tokens.gbr());
      StreamRevocationIntegrationTests.Stream signedOut = live(http, leaving);
      StreamRevocationIntegrationTests.Stream idle = live(http, http.signIn(tokens.deu()));
      StreamRevocationIntegrationTests.Stream token = StreamRevocationIntegrationTests.Stream.open(String.valueOf(http.port()), tokens.usa());
      StreamRevocationIntegrationTests.consultation(http, tokens, "so-before");
      for (StreamRevocationIntegrationTests.Stream stream : List.of(signedOut, idle, token)) {
        assertThat(stream.until("so-before")).as("the stream carried the restricted duties").isTrue();
      }

      // Signed out, with no transition coming: the stream ends at the next recheck.
      HttpResponse<String> out = http.form("/signout", "", leaving);
      assertThat(out.statusCode()).as(out.body()).isEqualTo(302);
      assertThat(signedOut.ended().get(20, TimeUnit.SECONDS)).isTrue();
      assertThat(signedOut.lines()).anyMatch(line -> line.contains("no longer hold"));

      // Idle past the timeout by the service's clock, then a transition comes: not sent to the idle session's stream.
      clock.advance(dev.compact.access.DashboardSessions.IDLE.plusMinutes(1));
      StreamRevocationIntegrationTests.consultation(http, tokens, "so-idle");
      assertThat(token.until("so-idle")).as("a token valid for a day still holds").isTrue();
      assertThat(idle.ended().get(20, TimeUnit.SECONDS)).isTrue();
      assertThat(idle.lines()).noneMatch(line -> line.contains("so-idle")).anyMatch(line -> line.contains("no longer hold"));

      // The token's day is over, then a transition comes: not sent to the stream opened with it.
      clock.advance(Duration.ofDays(1));
      StreamRevocationIntegrationTests.consultation(http, new Tokens(renewed(context, "secretariat"), renewed(context, "ua-desk"), tokens.gbr(),
          tokens.deu(), tokens.usa(), tokens.observer()), "so-expired");
      assertThat(token.ended().get(20, TimeUnit.SECONDS)).isTrue();
      assertThat(token.lines()).noneMatch(line -> line.contains("so-expired")).anyMatch(line -> line.contains("no longer hold"));
    }
  }

  /** A new token of an account whose first one expired, valid for a day from now. */
  private static String renewed(ConfigurableApplicationContext context, String account) {
    return context.getBean(Accounts.class).issue(account, Duration.ofDays(1)).token();
  }

  /**
   * A session the database cannot read again ended its stream with the database's exception, which escaped the stream's
   * thread as a stack trace, and no word to the client. It fails closed now: the stream ends as a lapsed session's does,
   * the log has one line, and the other streams go on.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aSessionThatCannotBeReadAgainEndsItsStreamInOneLineWhileOthersGoOn(String kind, CapturedOutput output) throws Exception {
    try (ConfigurableApplicationContext context = start(kind, "--compact.dashboard-stream-lifetime=PT0S")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      String[] cookie = http.signIn(tokens.gbr());
      StreamRevocationIntegrationTests.Stream live = live(http, cookie);
      StreamRevocationIntegrationTests.Stream kept = StreamRevocationIntegrationTests.Stream.open(String.valueOf(http.port()), tokens.deu());
      StreamRevocationIntegrationTests.consultation(http, tokens, "db-before");
      assertThat(live.until("db-before")).isTrue();
      assertThat(kept.until("db-before")).isTrue();
      int before = output.getAll().length();

      // The sessions' table is gone: every read of a session fails, as it does when the database cannot be reached.
      try (java.sql.Connection c = context.getBean(dev.compact.service.RecordService.class).database().dataSource().getConnection();
          java.sql.Statement s = c.createStatement()) {
        s.executeUpdate("ALTER TABLE spring_session RENAME TO spring_session_gone");
      }

      assertThat(live.ended().get(20, TimeUnit.SECONDS)).as("the stream ended whole, not cut").isTrue();
      assertThat(live.lines()).anyMatch(line -> line.contains("no longer hold"));
      StreamRevocationIntegrationTests.consultation(http, tokens, "db-after");
      assertThat(kept.until("db-after")).as("a stream opened with a token goes on").isTrue();
      assertThat(live.lines()).noneMatch(line -> line.contains("db-after"));
      // The reconnect, like any request with the session's cookie, is refused while the sessions cannot be read.
      HttpResponse<String> again = http.get("/live", cookie);
      assertThat(again.statusCode()).isEqualTo(503);
      assertThat(again.body()).contains("the service's database cannot be read just now");
      String log = output.getAll().substring(before);
      assertThat(log).contains("an event stream's dashboard session could not be checked again, so the stream was ended: ",
          "GET /live could not be answered, the database could not be read: ").doesNotContain("\tat ", "Exception in thread");
    }
  }

  /** The dashboard's stream, opened with a session's cookie. */
  private static StreamRevocationIntegrationTests.Stream live(Http http, String[] cookie) {
    return StreamRevocationIntegrationTests.Stream.open(String.valueOf(http.port()), "/live", cookie[0], cookie[1]);
  }
}
