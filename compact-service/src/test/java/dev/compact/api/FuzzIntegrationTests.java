package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.service.RecordService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ten thousand malformed and hostile requests (wrong types, broken and deeply nested JSON, invalid
 * UTF-8, injection strings, oversized fields, odd paths): every answer is a 4xx or a deliberate 2xx,
 * never a 5xx, and a refused request never leaves anything in the record. Seeded, so a failure can
 * be replayed.
 */
class FuzzIntegrationTests {
  static final long SEED = 20261129L;
  static final int REQUESTS = 10_000;

  static final String[] PATHS = {
      "/api/incidents", "/api/incidents/i1/verify", "/api/incidents/i1/reject", "/api/consultations", "/api/consultations/c1/held",
      "/api/consultations/c1/measures", "/api/allocations", "/api/deliveries", "/api/sanctions/eu-19", "/api/agreements/gbr-ukr-2024/lifecycle",
      "/api/agreements/gbr-ukr-2024/versions", "/api/agreements/check", "/api/parties/GBR/key", "/api/agreements/gbr-ukr-2024/signatures",
      "/api/clock", "/api/incidents/%2e%2e%2fetc/verify", "/api/incidents/" + "x".repeat(300) + "/reject", "/api/sanctions/%00"};

  static final String[] HOSTILE = {
      "'; DROP TABLE events; --", "<script>alert(1)</script>", "../../etc/passwd", "\u0000", "\uD800", "${jndi:ldap://x/a}", "%s%n%x",
      "UA-63\nX: y", "😀".repeat(50), "GBR\u200B", "1e999999", "-1", "NaN", "null", "", " ", "x".repeat(100_000), "restricted", "secret", "SECRET"};

  static final String[] FIELDS = {
      "id", "kind", "place", "severity", "reportedBy", "by", "reason", "requestedBy", "incident", "attended", "measures", "agreed",
      "objections", "guarantor", "category", "value", "items", "countsAgainst", "action", "party", "versionHash", "signature", "advanceBy",
      "to", "occurredAt", "evidence", "rate", "rateCurrency", "classification"};

  @Test
  void hostileRequestsGetFourHundredsAndWriteNothing() throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + Http.example("kyiv-compact"),
        "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:00Z", "--compact.tick-interval=PT1H",
        // The rate limit is tested on its own; here every request should reach validation.
        "--compact.write-rate=1000000", "--compact.write-burst=1000000")) {
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      RecordService record = context.getBean(RecordService.class);
      Tokens tokens = Tokens.create(context);
      String[] bearers = {tokens.secretariat(), tokens.ukr(), tokens.gbr(), tokens.deu(), "cpt_forged", ""};
      HttpClient client = HttpClient.newHttpClient();
      Random random = new Random(SEED);
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        String path = PATHS[random.nextInt(PATHS.length)];
        byte[] body = body(random);
        String type = random.nextInt(10) == 0 ? "text/plain" : random.nextInt(10) == 0 ? "text/markdown" : "application/json";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        // Mostly real tokens, so that requests get past authentication to validation; some forged or missing.
        String bearer = random.nextInt(5) == 0 ? bearers[4 + random.nextInt(2)] : bearers[random.nextInt(4)];
        if (!bearer.isEmpty()) {
          request.header("Authorization", "Bearer " + bearer);
        }
        if (random.nextInt(5) == 0) {
          try {
            request.header("Idempotency-Key", HOSTILE[random.nextInt(HOSTILE.length)].replaceAll("[\\r\\n\\x00-\\x1f]", "_").strip() + "k");
          } catch (IllegalArgumentException e) {
            request.header("Idempotency-Key", "k" + i); // a value the HTTP client itself refuses to send
          }
        }
        long before = record.store().head().seq();
        HttpResponse<String> response;
        try {
          response = send(client, request.build());
        } catch (IllegalArgumentException e) {
          continue; // a header the client itself refuses to send
        }
        statuses.merge(response.statusCode(), 1, Integer::sum);
        long after = record.store().head().seq();
        if (response.statusCode() >= 500) {
          failures.add("#" + i + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        if (response.statusCode() >= 300 && after != before) {
          failures.add("#" + i + " " + path + " was refused (" + response.statusCode() + ") but wrote " + (after - before) + " event(s)");
        }
      }
      System.out.println("fuzz: " + REQUESTS + " requests, statuses " + statuses);
      assertThat(failures).isEmpty();
      assertThat(statuses.keySet()).allSatisfy(code -> assertThat(code).isLessThan(500));
      assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(REQUESTS - 100);
    }
  }

  /**
   * Sends a request, once more on a fresh connection if the pooled one was closed under it. Tomcat
   * closes the connection after some refusals; when the client has already reused it for the next
   * request, that request fails with "header parser received no bytes" before the server saw it.
   * A server that hangs up on a request itself still fails: the second try fails the same way.
   */
  static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** A body that is almost right, wrong in type, broken, hostile or not text at all. */
  static byte[] body(Random random) {
    switch (random.nextInt(8)) {
      case 0 -> {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes; // invalid UTF-8, most of the time
      }
      case 1 -> {
        return ("[".repeat(5_000 + random.nextInt(5_000)) + "]".repeat(random.nextInt(3))).getBytes(StandardCharsets.UTF_8);
      }
      case 2 -> {
        String json = object(random);
        return json.substring(0, random.nextInt(json.length() + 1)).getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        return object(random).getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  static String object(Random random) {
    StringBuilder json = new StringBuilder("{");
    int fields = random.nextInt(8);
    for (int f = 0; f < fields; f++) {
      if (f > 0) {
        json.append(',');
      }
      json.append('"').append(FIELDS[random.nextInt(FIELDS.length)]).append("\":").append(value(random, 0));
    }
    return json.append('}').toString();
  }

  static String value(Random random, int depth) {
    return switch (depth > 3 ? random.nextInt(4) : random.nextInt(7)) {
      case 0 -> "\"" + escape(HOSTILE[random.nextInt(HOSTILE.length)]) + "\"";
      case 1 -> Integer.toString(random.nextInt(2_000_001) - 1_000_000);
      case 2 -> random.nextBoolean() ? "true" : "null";
      case 3 -> "\"" + List.of("UKR", "GBR", "DEU", "armed-attack", "UA-63", "military", "PT25H", "2026-03-01T06:00:00Z", "c1", "i1")
          .get(random.nextInt(10)) + "\"";
      case 4 -> "[" + value(random, depth + 1) + "," + value(random, depth + 1) + "]";
      case 5 -> "{\"value\":" + value(random, depth + 1) + ",\"currency\":" + value(random, depth + 1) + ",\"item\":" + value(random, depth + 1)
          + ",\"quantity\":" + value(random, depth + 1) + "}";
      default -> "1.5e" + (random.nextInt(40) - 20);
    };
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
