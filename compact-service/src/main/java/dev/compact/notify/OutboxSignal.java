package dev.compact.notify;

import dev.compact.service.RecordService;
import dev.compact.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, wakes the event stream and the webhook dispatcher as soon as another instance's
 * append commits: each append that writes to the outbox sends a NOTIFY in its transaction
 * (delivered at commit, and not at all on rollback), and one connection per instance LISTENs. It is
 * only a wake-up: the outbox is read as before, and polling goes on, so a lost notification or a
 * broken listening connection delays a transition by at most the polling interval. SQLite needs
 * none: it has one process, whose own writes wake it directly.
 */
@Component
public class OutboxSignal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSignal.class);
  /** The channel appends notify on. */
  static final String CHANNEL = "compact_outbox";

  private final Database database;
  private final TransitionHub hub;
  private final Webhooks webhooks;
  private volatile boolean running = true;
  private final Thread listener;

  public OutboxSignal(RecordService record, TransitionHub hub, Webhooks webhooks) {
    this.database = record.database();
    this.hub = hub;
    this.webhooks = webhooks;
    this.listener = database.dialect() == Database.Dialect.POSTGRESQL
        ? Thread.ofPlatform().daemon().name("compact-outbox-listener").start(this::listen) : null;
  }

  /** Sends the wake-up, inside the append's transaction. */
  static void notify(Connection connection, Database.Dialect dialect) throws SQLException {
    if (dialect == Database.Dialect.POSTGRESQL) {
      try (Statement s = connection.createStatement()) {
        s.execute("NOTIFY " + CHANNEL);
      }
    }
  }

  private void listen() {
    while (running) {
      try (Connection connection = database.dataSource().getConnection()) {
        try (Statement s = connection.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        try {
          PGConnection pg = connection.unwrap(PGConnection.class);
          while (running) {
            var notifications = pg.getNotifications(1000);
            if (notifications != null && notifications.length > 0) {
              hub.wake();
              webhooks.wake();
            }
          }
        } finally {
          // The connection goes back to the pool: it must not go on collecting notifications there.
          try (Statement s = connection.createStatement()) {
            s.execute("UNLISTEN *");
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          // Polling carries on meanwhile: transitions are late by at most its interval, never lost.
          LOG.warn("listening for other instances' writes failed, will listen again: {}", e.toString());
          try {
            Thread.sleep(1000);
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    if (listener != null) {
      listener.interrupt();
    }
  }
}
