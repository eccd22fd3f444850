package dev.compact.service;

import dev.compact.engine.NormInstance;
import dev.compact.engine.Transition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the engine's transitions on to whoever follows the record: writers that keep them in the
 * append's own transaction (the notifications outbox) and listeners told once a write has committed
 * (the live stream, the transparency log's checkpoints).
 */
public final class ChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

  /**
   * A transition the engine made, with the instance as it stands after it, as published to
   * listeners; {@code cause} is its cause as the read models hold it (events named by time).
   */
  public record Change(long storeSeq, Transition transition, NormInstance instance, String classification, String cause) {
    public boolean isPublic() {
      return classification.equals("public");
    }
  }

  /**
   * Writes an event's changes inside the append's transaction, so that they commit or roll back with
   * it: the notifications outbox ({@code dev.compact.notify}). A rebuild of the read models does not
   * call it: what was notified once is not notified again.
   */
  @FunctionalInterface
  public interface Writer {
    void write(Connection connection, List<Change> changes) throws SQLException;
  }

  private final List<Consumer<List<Change>>> listeners = new CopyOnWriteArrayList<>();
  private final List<Writer> writers = new CopyOnWriteArrayList<>();

  void onChanges(Consumer<List<Change>> listener) {
    listeners.add(listener);
  }

  void onChangesInTransaction(Writer writer) {
    writers.add(writer);
  }

  /** Hands an event's changes to every writer, on the append's connection; a writer that fails fails the append. */
  void write(Connection connection, List<Change> changes) throws SQLException {
    for (Writer writer : writers) {
      writer.write(connection, changes);
    }
  }

  /** Tells every listener of a committed write's changes; a listener that fails is logged, the write stands. */
  void committed(List<Change> changes) {
    for (Consumer<List<Change>> listener : listeners) {
      try {
        listener.accept(changes);
      } catch (RuntimeException e) {
        LOG.warn("a change listener failed: {}", e.toString());
      }
    }
  }
}
