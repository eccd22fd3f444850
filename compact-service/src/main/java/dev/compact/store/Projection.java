package dev.compact.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A read model kept in step with the log: applied in the same transaction as each append, so the
 * two never disagree, and rebuilt from the log by {@link EventStore#rebuild}.
 */
public interface Projection {
  /** Applies one event to the read model's tables. */
  void apply(Connection connection, StoredEvent event) throws SQLException;

  /** Empties the read model's tables before a rebuild. */
  void reset(Connection connection) throws SQLException;

  /**
   * Called with the chain head locked, before new events are written: a projection that keeps state
   * in memory catches up here with events another instance appended.
   */
  default void beforeAppend(Connection connection, long headSeq) throws SQLException {}
}
