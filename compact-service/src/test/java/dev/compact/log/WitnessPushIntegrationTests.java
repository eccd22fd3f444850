package dev.compact.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.compact.agreements.PartyCode;
import dev.compact.service.TestClock;
import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.NewEvent;
import dev.compact.store.TestDatabases;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The service's pushes to a witness that is down back off, instead of asking it again at the rate of appends. */
class WitnessPushIntegrationTests {
  static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

  @Test
  void aFailedWitnessIsLeftAloneTwiceAsLongAfterEachFailureUpToTheCap() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    HttpServer down = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    down.createContext("/", exchange -> {
      asked.incrementAndGet();
      byte[] body = "down for maintenance".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    down.start();
    TestClock clock = new TestClock(T0);
    try (Database db = TestDatabases.fresh("sqlite")) {
      EventStore store = new EventStore(db, clock, List.of());
      byte[] witnessSeed = new byte[32];
      witnessSeed[0] = 1;
      NoteSigner gbr = NoteSigner.of("witness.gbr.example", NoteKey.COSIGNATURE_V1, witnessSeed);
      TransparencyLog log = new TransparencyLog(store, NoteSigner.of("log.test.example/compact", NoteKey.ED25519, new byte[32]),
          List.of(new Witness(new PartyCode("GBR"), gbr.key())), 0, clock);
      store.append("s", 0, List.of(new NewEvent("incident-reported", "{}", T0, "desk")), Optional.empty());
      log.issue();
      WitnessPush.Target target = new WitnessPush.Target(new PartyCode("GBR"), URI.create("http://127.0.0.1:" + down.getAddress().getPort()));
      try (WitnessPush push = new WitnessPush(log, List.of(target), clock)) {
        assertThat(push.submitDue().get(target)).isEqualTo(new WitnessPush.Result.Failed(503, "down for maintenance"));
        // A burst of appends meanwhile: the witness is not asked again.
        for (int i = 0; i < 5; i++) {
          assertThat(push.submitDue().get(target)).isEqualTo(new WitnessPush.Result.Postponed(1, T0.plusSeconds(1)));
        }
        assertThat(asked).hasValue(1);
        List<Duration> waits = new ArrayList<>();
        for (int failures = 1; failures <= 12; failures++) {
          Instant until = ((WitnessPush.Result.Postponed) push.submitDue().get(target)).until();
          waits.add(Duration.between(clock.instant(), until));
          clock.set(until.minusMillis(1));
          assertThat(push.submitDue().get(target)).isInstanceOf(WitnessPush.Result.Postponed.class);
          clock.set(until);
          assertThat(push.submitDue().get(target)).isInstanceOf(WitnessPush.Result.Failed.class);
        }
        assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L);
        assertThat(asked).hasValue(13);
        // Asked for a round now (an operator's, not an append's), it is tried whatever its back-off.
        assertThat(push.submitAll().get(target)).isInstanceOf(WitnessPush.Result.Failed.class);
        assertThat(asked).hasValue(14);
      }
    } finally {
      down.stop(0);
    }
  }

  /**
   * Whoever answers for a witness (the witness, or someone between it and the service) can send any
   * 409 body: a size beyond a long failed inside the round with an exception, and the witnesses
   * after it in the list were not asked at all. It is one witness's failure, and the round goes on.
   */
  @Test
  void aWitnessAnsweringNonsenseFailsAloneAndTheRoundGoesOn() throws Exception {
    AtomicInteger second = new AtomicInteger();
    HttpServer nonsense = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    nonsense.createContext("/", exchange -> answer(exchange, 409, "9999999999999999999"));
    HttpServer down = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    down.createContext("/", exchange -> {
      second.incrementAndGet();
      answer(exchange, 503, "down");
    });
    nonsense.start();
    down.start();
    TestClock clock = new TestClock(T0);
    try (Database db = TestDatabases.fresh("sqlite")) {
      EventStore store = new EventStore(db, clock, List.of());
      TransparencyLog log = new TransparencyLog(store, NoteSigner.of("log.test.example/compact", NoteKey.ED25519, seed(1)),
          List.of(new Witness(new PartyCode("GBR"), NoteSigner.of("witness.gbr.example", NoteKey.COSIGNATURE_V1, seed(2)).key()),
              new Witness(new PartyCode("POL"), NoteSigner.of("witness.pol.example", NoteKey.COSIGNATURE_V1, seed(3)).key())), 0, clock);
      store.append("s", 0, List.of(new NewEvent("incident-reported", "{}", T0, "desk")), Optional.empty());
      log.issue();
      WitnessPush.Target gbr = new WitnessPush.Target(new PartyCode("GBR"), URI.create("http://127.0.0.1:" + nonsense.getAddress().getPort()));
      WitnessPush.Target pol = new WitnessPush.Target(new PartyCode("POL"), URI.create("http://127.0.0.1:" + down.getAddress().getPort()));
      try (WitnessPush push = new WitnessPush(log, List.of(gbr, pol), clock)) {
        var round = push.submitAll();
        assertThat(round.get(gbr)).isInstanceOf(WitnessPush.Result.Failed.class);
        assertThat(((WitnessPush.Result.Failed) round.get(gbr)).reason()).contains("does not give its size");
        assertThat(round.get(pol)).isEqualTo(new WitnessPush.Result.Failed(503, "down"));
        assertThat(second).hasValue(1);
      }
    } finally {
      nonsense.stop(0);
      down.stop(0);
    }
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String text) throws java.io.IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static byte[] seed(int value) {
    byte[] seed = new byte[32];
    seed[0] = (byte) value;
    return seed;
  }

  @Test
  void theBackOffDoublesFromOneSecondAndStopsAtFiveMinutes() {
    assertThat(WitnessPush.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(WitnessPush.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(WitnessPush.backoff(9)).isEqualTo(Duration.ofSeconds(256));
    assertThat(WitnessPush.backoff(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(WitnessPush.backoff(1_000)).isEqualTo(Duration.ofMinutes(5));
  }
}
