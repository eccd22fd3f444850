package dev.compact.log;

import dev.compact.store.Database;
import dev.compact.store.LogTree;
import dev.compact.store.StoredEvent;
import dev.compact.transparency.ExportVerifier;
import dev.compact.transparency.Hashes;
import dev.compact.transparency.NoteKey;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record as the public may hold it (docs/transparency.md, "The public export"), written and
 * read back: public events in full, classified ones as their leaf only, and the checkpoints with
 * their cosignatures. The writer and the reader live together so that the command line, the tests
 * and the classification crawl all see the same format.
 */
public final class PublicExport {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PublicExport() {}

  /** What an export holds: how many checkpoints, the latest's size, how many leaves and public events in full. */
  public record Written(int checkpoints, long size, long leaves, long publicEvents) {}

  /**
   * Writes the export into {@code dir} (created; it must be absent or empty), read in one
   * transaction; with {@code checkpointsOnly} only the checkpoints.
   *
   * @throws IllegalArgumentException when {@code dir} is not an empty folder or the log has no checkpoint
   */
  public static Written write(Database database, Path dir, boolean checkpointsOnly) throws IOException, SQLException {
    if (Files.exists(dir) && (!Files.isDirectory(dir) || notEmpty(dir))) {
      throw new IllegalArgumentException(dir + " exists and is not an empty folder; not overwriting");
    }
    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      Map<Long, String> notes = checkpoints(connection);
      if (notes.isEmpty()) {
        throw new IllegalArgumentException("the log has no checkpoint yet; start the service once so that it signs one");
      }
      Files.createDirectories(dir.resolve("checkpoints"));
      long size = notes.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
      for (var note : notes.entrySet()) {
        Files.writeString(dir.resolve("checkpoints").resolve(note.getKey() + ".note"), note.getValue(), StandardCharsets.UTF_8);
      }
      long leaves = 0;
      long shown = 0;
      if (!checkpointsOnly) {
        try (BufferedWriter writer = Files.newBufferedWriter(dir.resolve("leaves.jsonl"), StandardCharsets.UTF_8);
            PreparedStatement ps = connection.prepareStatement(
                "SELECT seq, stream_id, stream_version, event_type, payload, occurred_at, recorded_at, actor, leaf_salt,"
                    + " leaf_classification FROM events WHERE seq <= ? AND leaf_salt IS NOT NULL ORDER BY seq")) {
          ps.setLong(1, size);
          ps.setFetchSize(1000);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              StoredEvent event = new StoredEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                  Instant.parse(rs.getString(6)), Instant.parse(rs.getString(7)), rs.getString(8), "", "");
              byte[] salt = rs.getBytes(9);
              String classification = rs.getString(10);
              Map<String, Object> line = new LinkedHashMap<>();
              line.put("leaf", new String(LogTree.leaf(event, salt, classification).bytes(), StandardCharsets.UTF_8));
              if (classification.equals("public")) {
                line.put("event", Map.of("salt", Hashes.hex(salt), "stream", event.streamId(), "streamVersion", event.streamVersion(),
                    "actor", event.actor(), "payload", event.payload()));
                shown++;
              }
              writer.write(JSON.writeValueAsString(line));
              writer.write('\n');
              leaves++;
            }
          }
        }
      }
      connection.commit();
      return new Written(notes.size(), size, leaves, shown);
    }
  }

  /**
   * Checks the export in {@code dir} with nothing but it and the keys given (docs/transparency.md):
   * see {@link ExportVerifier#verify}.
   *
   * @throws IllegalArgumentException when {@code dir} is not an export with leaves
   */
  public static ExportVerifier.Result verify(Path dir, NoteKey log, List<dev.compact.transparency.TrustedWitness> witnesses, int quorum) throws IOException {
    return verify(dir, log, witnesses, quorum, Optional.empty());
  }

  /**
   * As {@link #verify(Path, NoteKey, List, int)}, and holds the export to {@code held}, a checkpoint
   * the reader kept (its signature checked by the caller): the export must extend it.
   */
  public static ExportVerifier.Result verify(Path dir, NoteKey log, List<dev.compact.transparency.TrustedWitness> witnesses, int quorum,
      Optional<dev.compact.transparency.Checkpoint> held) throws IOException {
    Path folder = dir.resolve("checkpoints");
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(dir + " is not an export (no checkpoints folder)");
    }
    List<String> notes = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        try {
          notes.add(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new IllegalArgumentException(file + " is not a checkpoint note (a file of UTF-8 text): " + e.getMessage());
        }
      }
    }
    Path leaves = dir.resolve("leaves.jsonl");
    if (!Files.exists(leaves)) {
      throw new IllegalArgumentException(leaves + " is missing (an export made with --checkpoints-only has only checkpoints to check)");
    }
    try (Stream<String> lines = Files.lines(leaves, StandardCharsets.UTF_8)) {
      long[] number = {0};
      Iterator<ExportVerifier.Entry> entries = lines.map(line -> entry(++number[0], line)).iterator();
      return ExportVerifier.verify(entries, notes, log, witnesses, quorum, held);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * One line of leaves.jsonl, as the format gives it: an object with the leaf's text and, for a
   * public event, an object of strings and a whole stream version. Anything else is named by its
   * line rather than coerced: a value read loosely would be checked as another than the one shown.
   */
  private static ExportVerifier.Entry entry(long number, String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (RuntimeException e) {
      return ExportVerifier.Entry.malformed(number, "not JSON");
    }
    if (node == null || !node.isObject()) {
      return ExportVerifier.Entry.malformed(number, "not a JSON object");
    }
    JsonNode leaf = node.get("leaf");
    if (leaf == null || !leaf.isString()) {
      return ExportVerifier.Entry.malformed(number, "\"leaf\" is not a string");
    }
    JsonNode event = node.get("event");
    if (event == null || event.isNull()) {
      return new ExportVerifier.Entry(number, leaf.asString(), Optional.empty());
    }
    if (!event.isObject()) {
      return ExportVerifier.Entry.malformed(number, "\"event\" is not an object");
    }
    for (String field : List.of("salt", "stream", "actor", "payload")) {
      if (event.get(field) == null || !event.get(field).isString()) {
        return ExportVerifier.Entry.malformed(number, "the event's \"" + field + "\" is not a string");
      }
    }
    JsonNode version = event.get("streamVersion");
    if (version == null || !version.isIntegralNumber() || !version.canConvertToLong()) {
      return ExportVerifier.Entry.malformed(number, "the event's \"streamVersion\" is not a whole number");
    }
    return new ExportVerifier.Entry(number, leaf.asString(), Optional.of(new ExportVerifier.Content(event.get("salt").asString(),
        event.get("stream").asString(), version.asLong(), event.get("actor").asString(), event.get("payload").asString())));
  }

  private static boolean notEmpty(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isPresent();
    }
  }

  /** The latest checkpoint and every cosigned one, each with its cosignature lines. */
  private static Map<Long, String> checkpoints(Connection connection) throws SQLException {
    Map<Long, String> notes = new TreeMap<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT c.size, c.note FROM log_checkpoints c"
        + " WHERE c.size = (SELECT MAX(size) FROM log_checkpoints) OR EXISTS (SELECT 1 FROM log_cosignatures s WHERE s.size = c.size)");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        notes.put(rs.getLong(1), rs.getString(2));
      }
    }
    try (PreparedStatement ps = connection.prepareStatement("SELECT size, line FROM log_cosignatures ORDER BY size, witness");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long size = rs.getLong(1);
        String line = rs.getString(2).stripTrailing();
        notes.computeIfPresent(size, (at, note) -> note + line + "\n");
      }
    }
    return notes;
  }
}
