package dev.compact.cli;

import dev.compact.store.Database;
import dev.compact.store.LogTree;
import dev.compact.store.StoredEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code compact export --public DIR}: the record as the public may hold it, verifiable offline with
 * {@code compact verify --export DIR} (format in docs/transparency.md): every leaf in order, public
 * events in full, classified ones as their leaf only, and the checkpoints with their cosignatures.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the public record to a folder that anyone can verify offline (compact verify --export).",
        "Public events in full; classified events as their leaf only (index, type, times, classification, content digest)."})
final class ExportCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Option(names = "--public", required = true, paramLabel = "DIR", description = "The folder to write (created; must be empty or absent).")
  Path dir;

  @Option(names = "--db", defaultValue = "compact-data/compact.db", description = "The database (as for serve). Default: ${DEFAULT-VALUE}.")
  String db;

  @Option(names = "--checkpoints-only", description = "Leave the leaves out: only the checkpoints (for deployments that do not show"
      + " even where classified events lie).")
  boolean checkpointsOnly;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!db.contains(":") && !Files.exists(Path.of(db))) {
      err.println("compact export: no database at " + db);
      return 1;
    }
    try {
      if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
        err.println("compact export: " + dir + " exists and is not an empty folder; not overwriting");
        return 1;
      }
      Files.createDirectories(dir.resolve("checkpoints"));
    } catch (IOException e) {
      err.println("compact export: cannot create " + dir + ": " + e.getMessage());
      return 1;
    }
    try (Database database = Database.open(db); Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      Map<Long, String> notes = checkpoints(connection);
      if (notes.isEmpty()) {
        err.println("compact export: the log has no checkpoint yet; start the service once so that it signs one");
        return 1;
      }
      long size = notes.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
      for (var note : notes.entrySet()) {
        Files.writeString(dir.resolve("checkpoints").resolve(note.getKey() + ".note"), note.getValue(), StandardCharsets.UTF_8);
      }
      long leaves = 0;
      long shown = 0;
      if (!checkpointsOnly) {
        try (BufferedWriter writer = Files.newBufferedWriter(dir.resolve("leaves.jsonl"), StandardCharsets.UTF_8);
            PreparedStatement ps = connection.prepareStatement(
                "SELECT e.seq, e.stream_id, e.stream_version, e.event_type, e.payload, e.occurred_at, e.recorded_at, e.actor, l.salt,"
                    + " l.classification FROM events e JOIN log_leaves l ON l.seq = e.seq WHERE e.seq <= ? ORDER BY e.seq")) {
          ps.setLong(1, size);
          ps.setFetchSize(1000);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              StoredEvent event = new StoredEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                  Instant.parse(rs.getString(6)), Instant.parse(rs.getString(7)), rs.getString(8), "", "");
              String classification = rs.getString(10);
              Map<String, Object> line = new LinkedHashMap<>();
              line.put("leaf", new String(LogTree.leaf(event, rs.getString(9), classification).bytes(), StandardCharsets.UTF_8));
              if (classification.equals("public")) {
                line.put("event", Map.of("salt", rs.getString(9), "stream", event.streamId(), "streamVersion", event.streamVersion(),
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
      out.printf("wrote %s: %d checkpoint%s (the latest of size %d)%s%n", dir, notes.size(), notes.size() == 1 ? "" : "s", size,
          checkpointsOnly ? "" : ", " + leaves + " leaves, " + shown + " public events in full, " + (leaves - shown) + " classified as leaves only");
      return 0;
    } catch (IOException | SQLException | RuntimeException e) {
      err.println("compact export: " + ServeCommand.rootMessage(e));
      return 1;
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
