package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.store.ChainVerifier;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14: with several writers, valid requests were refused with 422 ("the event occurred ...
 * before the time the record has already reached") because the time was taken before the append's
 * lock, and with two instances also with 409 and "the engine cannot apply this event". A request is
 * refused only for a reason the client caused; these writers cause none.
 */
class ConcurrentWritersIntegrationTests {
  static final int WRITERS = 8;
  static final int WRITES = 12;

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  /** The real clock, so that every write is stamped a little later than the one before. */
  static ConfigurableApplicationContext start(String db) {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + db, "--compact.compact-dir=" + Http.example("kyiv-compact"),
        "--compact.write-rate=10000", "--compact.write-burst=10000", "--compact.tick-interval=PT0.2S");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void eightConcurrentWritersAreNeverRefused(String kind) throws Exception {
    String db = TestDatabases.freshUrl(kind);
    try (ConfigurableApplicationContext context = start(db)) {
      Http http = RecordApiIntegrationTests.http(context);
      List<String> refused = writeConcurrently(Tokens.create(context), List.of(http));
      assertThat(refused).isEmpty();
      try (Database database = Database.open(db)) {
        assertThat(ChainVerifier.verify(database).intact()).isTrue();
      }
    }
  }

  @Test
  void writersSpreadOverTwoInstancesOnOnePostgresqlAreNeverRefused() throws Exception {
    String db = TestDatabases.freshUrl("postgresql");
    try (ConfigurableApplicationContext a = start(db); ConfigurableApplicationContext b = start(db)) {
      List<String> refused = writeConcurrently(Tokens.create(a), List.of(RecordApiIntegrationTests.http(a), RecordApiIntegrationTests.http(b)));
      assertThat(refused).isEmpty();
      try (Database database = Database.open(db)) {
        assertThat(ChainVerifier.verify(database).intact()).isTrue();
      }
    }
  }

  /**
   * Half the writers record deliveries to one stream without saying which version they saw, half
   * report incidents and verify them; returns every answer that was not a success.
   */
  private static List<String> writeConcurrently(Tokens tokens, List<Http> instances) throws InterruptedException {
    ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      pool.submit(() -> {
        start.await();
        for (int i = 0; i < WRITES; i++) {
          Http http = instances.get((writer + i) % instances.size());
          List<HttpResponse<String>> answers = new ArrayList<>();
          if (writer % 2 == 0) {
            answers.add(http.post("/api/deliveries", "application/json", """
                {"guarantor": "GBR", "category": "military", "value": {"value": 1000000, "currency": "GBP"}}""",
                Tokens.bearer(tokens.gbr())));
          } else {
            String id = "w" + writer + "-" + i;
            answers.add(http.post("/api/incidents", "application/json", """
                {"id": "%s", "kind": "armed-attack", "place": "UA-63", "severity": 2, "reportedBy": "UKR"}""".formatted(id),
                Tokens.bearer(tokens.ukr())));
            answers.add(instances.get((writer + i + 1) % instances.size()).post("/api/incidents/" + id + "/verify", "application/json",
                "{\"by\": \"UKR\"}", Tokens.bearer(tokens.secretariat())));
          }
          for (HttpResponse<String> answer : answers) {
            if (answer.statusCode() / 100 != 2) {
              refused.add(answer.statusCode() + " " + answer.body());
            }
          }
        }
        return null;
      });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    return List.copyOf(refused);
  }
}
