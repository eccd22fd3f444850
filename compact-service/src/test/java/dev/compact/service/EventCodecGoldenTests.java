package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.Classification;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.SourceFile;
import dev.compact.engine.Event;
import dev.compact.scenarios.Scenario;
import dev.compact.scenarios.ScenarioParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The log's bytes are covered by the hash chain and the Merkle leaves: a faster codec must write
 * every event exactly as before and read it back as the same record. The golden file holds the
 * payloads of every event of the example scenarios (21 kinds, public and classified) as the codec
 * wrote them before the decoder stopped building trees (issue #17); each must decode and encode
 * back to the same bytes. Regenerate only for a deliberate format change, with {@code
 * -Dcompact.golden.write=true}.
 */
class EventCodecGoldenTests {

  static final Path GOLDEN = Path.of("src/test/resources/golden/event-payloads.tsv");
  final EventCodec codec = new EventCodec();

  @Test
  void everyRecordedPayloadDecodesAndEncodesBackToTheSameBytes() throws IOException {
    if (Boolean.getBoolean("compact.golden.write")) {
      record(exampleEvents());
    }
    List<String> lines = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
    java.time.Instant at = java.time.Instant.parse("2026-03-01T06:00:00Z");
    java.time.Instant recorded = java.time.Instant.parse("2026-03-01T06:05:00Z");

    for (String line : lines) {
      String type = line.substring(0, line.indexOf('\t'));
      String payload = line.substring(line.indexOf('\t') + 1);
      Event event = codec.decode(type, payload, at, recorded);
      EventCodec.Encoded again = codec.encode(event, codec.classification(payload));

      assertThat(again.type()).isEqualTo(type);
      assertThat(again.payload()).as("re-encoded %s", type).isEqualTo(payload);
      assertThat(event.occurredAt()).isEqualTo(at);
      assertThat(event.recordedAt()).isEqualTo(recorded);
    }
    assertThat(lines).hasSizeGreaterThan(200);
    assertThat(lines.stream().map(l -> l.substring(0, l.indexOf('\t'))).distinct().count())
        .as("kinds of event covered").isGreaterThanOrEqualTo(12);
  }

  @Test
  void everyExampleEventDecodesToItself() {
    for (Event event : exampleEvents()) {
      for (Classification classification : List.of(Classification.PUBLIC, Classification.RESTRICTED)) {
        EventCodec.Encoded encoded = codec.encode(event, classification);
        assertThat(codec.decode(encoded.type(), encoded.payload(), event.occurredAt(), event.recordedAt()))
            .as("%s read back", encoded.payload()).isEqualTo(event);
      }
    }
  }

  /** Writes the payloads of the example events, public and classified, as the golden file. */
  private void record(List<Event> events) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Event event : events) {
      for (Classification classification : List.of(Classification.PUBLIC, Classification.RESTRICTED)) {
        EventCodec.Encoded encoded = codec.encode(event, classification);
        lines.add(encoded.type() + "\t" + encoded.payload());
      }
    }
    Files.createDirectories(GOLDEN.getParent());
    Files.write(GOLDEN, lines, StandardCharsets.UTF_8);
  }

  @Test
  void decodingInjectsTheLoggedTimesAndRefusesAnUnknownType() {
    Event event = exampleEvents().getFirst();
    EventCodec.Encoded encoded = codec.encode(event);
    java.time.Instant later = event.recordedAt().plusSeconds(3600);

    Event decoded = codec.decode(encoded.type(), encoded.payload(), event.occurredAt(), later);

    assertThat(decoded.recordedAt()).isEqualTo(later);
    assertThat(decoded.occurredAt()).isEqualTo(event.occurredAt());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode("no-such-event", "{}", later, later))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown event type 'no-such-event'");
  }

  @Test
  void theStreamingReaderReadsEveryRecordedPayloadAsDatabindDoes() throws IOException {
    java.time.Instant at = java.time.Instant.parse("2026-03-01T06:00:00Z");
    List<String> lines = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
    for (String line : lines) {
      String type = line.substring(0, line.indexOf('\t'));
      String payload = line.substring(line.indexOf('\t') + 1);

      // read() raises OffPlan rather than falling back: every logged shape must be on the fast path.
      assertThat(codec.streaming().read(type, payload, at, at)).as(payload)
          .isEqualTo(codec.decodeWithDatabind(type, payload, at, at));
    }
  }

  @Test
  void aPayloadOffThePlanIsReadAsDatabindReadsIt() {
    java.time.Instant at = java.time.Instant.parse("2026-03-01T06:00:00Z");
    String[][] cases = {
        {"incident-verified", "{\"by\":\"UKR\",\"incident\":\"i1\",\"extra\":1}"},
        {"incident-verified", "{\"by\":\"UKR\"}"},
        {"incident-verified", "{\"by\":\"UKR\",\"incident\":null}"},
        {"incident-verified", "{\"by\":\"UKR\",\"incident\":\"i1\"} trailing"},
        {"incident-verified", "{\"by\":\"UKR\",\"incident\":\"i1\""},
        {"extended", "{\"agreedBy\":[\"USA\"],\"agreement\":\"a\",\"by\":\"USA\",\"years\":\"10\"}"},
        {"extended", "{\"agreedBy\":[\"USA\"],\"agreement\":\"a\",\"by\":\"USA\",\"years\":12345678901}"},
        {"party-status-changed", "{\"party\":\"UKR\",\"status\":\"NO_SUCH_STATUS\",\"value\":true}"},
        {"party-status-changed", "{\"party\":\"UKR\",\"status\":\"NATO_MEMBER\",\"value\":true,\"value\":false}"},
        {"delivery-recorded", "{\"category\":\"MILITARY\",\"countsAgainst\":{\"kind\":\"nothing\"},\"guarantor\":\"USA\","
            + "\"items\":[],\"rate\":null,\"scope\":null,\"value\":null}"},
        {"delivery-recorded", "{\"category\":\"MILITARY\",\"countsAgainst\":null,\"guarantor\":\"USA\",\"items\":null}"},
        {"snapback-invoked", "{\"by\":\"GBR\"}"},
        {"time-advanced", "[]"},
    };
    for (String[] c : cases) {
      assertThat(outcome(() -> codec.decode(c[0], c[1], at, at))).as(c[1])
          .isEqualTo(outcome(() -> codec.decodeWithDatabind(c[0], c[1], at, at)));
    }
  }

  @Test
  void valuesWithoutARuleOfTheirOwnAreHandedToDatabindMidStream() {
    java.time.Instant at = java.time.Instant.parse("2026-03-01T06:00:00Z");
    Event event = new Event.IncidentReported(at, at, new Event.IncidentId("i1"), Event.IncidentKind.DRONE_STRIKE, "UA-30", 3,
        new dev.compact.agreements.PartyCode("UKR"), List.of(new Event.Evidence("Reuters", "https://example.org/a", "quoted",
            java.util.Optional.of(java.time.Instant.parse("2026-02-28T21:15:30.5Z")))));
    EventCodec.Encoded encoded = codec.encode(event);

    assertThat(codec.streaming().read(encoded.type(), encoded.payload(), at, at)).isEqualTo(event);
  }

  /** A value or the error it raised, by class and message, so that two ways of reading can be compared. */
  private static Object outcome(java.util.function.Supplier<Object> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  static List<Event> exampleEvents() {
    List<Event> events = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("../examples"))) {
      for (Path file : files.filter(p -> p.getParent().getFileName().toString().equals("scenarios")
          && p.toString().endsWith(".yaml")).sorted().toList()) {
        Parsed<Scenario> parsed = ScenarioParser.parse(new SourceFile(file.toString(), Files.readString(file)));
        parsed.value().ifPresent(scenario -> events.addAll(scenario.eventList()));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return events;
  }
}
