package dev.compact.service;

import dev.compact.store.Database;
import java.time.Clock;

/**
 * What reading the record needs: its database, the codec of its events and the clock that says what
 * "today" is. A {@link RecordService} has them, and so does a {@link ReadOnlyRecord}, which never writes.
 */
public interface RecordReads {
  Database database();

  EventCodec codec();

  Clock clock();
}
