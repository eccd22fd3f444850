package dev.compact.service;

import dev.compact.store.Database;
import java.time.Clock;

/**
 * A record opened only to read it, for commands that only read ({@code compact screen}): unlike a
 * {@link RecordService} it does not migrate the schema, rebuild read models, fold the log or sign
 * events into the transparency log, so the database is left as it was found. It refuses what the
 * service would refuse at start (a schema of another build, events written outside the service) with
 * a message, rather than read it.
 */
public final class ReadOnlyRecord implements RecordReads, AutoCloseable {
  private final Database database;
  private final Clock clock;
  private final EventCodec codec = new EventCodec();

  private ReadOnlyRecord(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * Opens the record at {@code url} read-only.
   *
   * @throws dev.compact.store.StoreException when it cannot be read or its schema is not this build's
   * @throws UnloggedEvents when it holds events written outside the service after the log signed a checkpoint
   */
  public static ReadOnlyRecord open(String url, Clock clock) {
    Database database = Database.openReadOnly(url);
    try {
      try (java.sql.Connection connection = database.dataSource().getConnection()) {
        EngineProjection.refuseUnlogged(connection);
      }
    } catch (java.sql.SQLException e) {
      database.close();
      throw new dev.compact.store.StoreException("cannot read the record: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return new ReadOnlyRecord(database, clock);
  }

  @Override
  public Database database() {
    return database;
  }

  @Override
  public EventCodec codec() {
    return codec;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    database.close();
  }
}
