package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a read-only command must leave as it found it: the file's bytes and time, and the schema history. */
record Untouched(byte[] bytes, java.nio.file.attribute.FileTime modified, List<String> history) {
  static Untouched of(Path db) throws IOException {
    return new Untouched(Files.readAllBytes(db), Files.getLastModifiedTime(db), history(db));
  }

  static List<String> history(Path db) {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT installed_rank, version, checksum, success FROM flyway_schema_history ORDER BY installed_rank")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getObject(3) + " " + rs.getBoolean(4));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  void assertSameAs(Untouched after) {
    assertThat(after.history).as("schema history").containsExactlyElementsOf(history);
    assertThat(after.modified).as("the database file's time").isEqualTo(modified);
    assertThat(Arrays.equals(after.bytes, bytes)).as("the database file's bytes are unchanged").isTrue();
  }
}
