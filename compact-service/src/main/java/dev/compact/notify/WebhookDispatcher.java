package dev.compact.notify;

import dev.compact.store.Database;
import dev.compact.store.StoreException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the deliveries {@link Webhooks} wrote: one thread per instance claims due ones with a lease,
 * sends a pass of them at once, records each outcome and schedules a retry with backoff, so that
 * retries survive a restart and several instances share the work without sending one twice in the
 * same lease. Delivered ones are pruned after the retention.
 */
final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  /** How many due deliveries one pass claims; a pass sends them at once and waits for all. */
  private static final int BATCH = 32;

  private final Database database;
  private final Map<String, Webhooks.Subscription> subscriptions;
  private final Clock clock;
  private final Clock wall;
  private final Webhooks.Retries retries;
  private final Duration retention;
  /** Whether the record is a demonstration: each delivery then carries {@link Webhooks#DEMONSTRATION_HEADER}. */
  private final boolean demonstration;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running = true;
  private final Thread thread;

  /** Starts the dispatching thread over {@code subscriptions} (by their key), which it only reads. */
  WebhookDispatcher(Database database, Map<String, Webhooks.Subscription> subscriptions, Clock clock, Clock wall, Webhooks.Retries retries,
      Duration retention, boolean demonstration) {
    this.database = database;
    this.subscriptions = subscriptions;
    this.clock = clock;
    this.wall = wall;
    this.retries = retries;
    this.retention = retention;
    this.demonstration = demonstration;
    this.thread = Thread.ofPlatform().daemon().name("compact-webhooks").start(this::dispatch);
  }

  /** Looks for due deliveries now rather than at the next poll. */
  void wake() {
    wake.release();
  }

  /** A claimed delivery. */
  private record Due(String id, Webhooks.Subscription subscription, String body, int attempt) {}

  private void dispatch() {
    long lastPrune = 0;
    while (running) {
      try {
        List<Due> due = claim();
        List<Thread> sending = new ArrayList<>();
        for (Due delivery : due) {
          sending.add(Thread.ofVirtual().name("webhook-delivery").start(() -> deliver(delivery)));
        }
        for (Thread thread : sending) {
          thread.join();
        }
        if (wall.millis() - lastPrune > Duration.ofMinutes(10).toMillis()) {
          lastPrune = wall.millis();
          prune();
        }
        if (due.size() < BATCH) {
          wake.tryAcquire(retries.poll().toMillis(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The database may be briefly unreachable: the deliveries wait in it, the next pass tries again.
        LOG.warn("webhook dispatch failed, will retry: {}", e.toString());
        try {
          Thread.sleep(retries.poll().toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /**
   * Claims due deliveries of this instance's subscriptions: each by a conditional update that moves
   * its next_at past the present, which succeeds for one instance only; if that instance dies
   * mid-attempt, the lease runs out and another tries again.
   */
  private List<Due> claim() {
    long now = wall.millis();
    List<Due> claimed = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection()) {
      List<Object[]> candidates = new ArrayList<>();
      String keys = String.join(", ", java.util.Collections.nCopies(subscriptions.size(), "?"));
      try (PreparedStatement select = connection.prepareStatement("SELECT id, subscription, body, attempts, next_at FROM webhook_deliveries"
          + " WHERE state = 'pending' AND next_at <= ? AND subscription IN (" + keys + ") ORDER BY next_at, seq LIMIT " + BATCH)) {
        select.setLong(1, now);
        int i = 2;
        for (String key : subscriptions.keySet()) {
          select.setString(i++, key);
        }
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            candidates.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)});
          }
        }
      }
      try (PreparedStatement lease = connection.prepareStatement("UPDATE webhook_deliveries SET next_at = ?, attempts = attempts + 1"
          + " WHERE id = ? AND state = 'pending' AND next_at = ?")) {
        for (Object[] c : candidates) {
          lease.setLong(1, now + retries.lease().toMillis());
          lease.setString(2, (String) c[0]);
          lease.setLong(3, (Long) c[4]);
          if (lease.executeUpdate() == 1) {
            claimed.add(new Due((String) c[0], subscriptions.get((String) c[1]), (String) c[2], (Integer) c[3] + 1));
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot claim webhook deliveries: " + e.getMessage(), e);
    }
    return claimed;
  }

  private void deliver(Due delivery) {
    Webhooks.Subscription subscription = delivery.subscription();
    String failure;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(subscription.url()))
          .timeout(Webhooks.ATTEMPT.minusSeconds(5))
          .header("Content-Type", "application/json")
          .header(Webhooks.DELIVERY_HEADER, delivery.id())
          .header(WebhookSignature.HEADER, WebhookSignature.sign(subscription.secret(), clock.instant().getEpochSecond(), delivery.body()))
          .POST(HttpRequest.BodyPublishers.ofString(delivery.body()));
      if (demonstration) {
        request.header(Webhooks.DEMONSTRATION_HEADER, "true");
      }
      int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) {
        finish(delivery.id(), "delivered", null);
        return;
      }
      failure = "HTTP " + status;
    } catch (java.io.IOException | IllegalArgumentException e) {
      failure = e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      // Shutting down: the lease runs out and this or another instance tries again.
      Thread.currentThread().interrupt();
      return;
    }
    if (delivery.attempt() >= retries.attempts()) {
      LOG.warn("webhook to {} for {} failed {} times, giving up: {}", subscription.origin(), subscription.who(), delivery.attempt(), failure);
      finish(delivery.id(), "failed", failure);
      return;
    }
    Duration delay = retries.delayAfter(delivery.attempt());
    LOG.info("webhook to {} for {} failed ({}), retrying in {} ms", subscription.origin(), subscription.who(), failure, delay.toMillis());
    update("UPDATE webhook_deliveries SET next_at = ?, last_error = ? WHERE id = ? AND state = 'pending'", wall.millis() + delay.toMillis(),
        failure, delivery.id());
  }

  private void finish(String id, String state, String error) {
    update("UPDATE webhook_deliveries SET state = ?, done_at = ?, last_error = ? WHERE id = ? AND state = 'pending'", state, wall.millis(),
        error, id);
  }

  /**
   * Delivered deliveries are kept for the retention (a week by default), for whoever looks into what a
   * receiver says it missed; failed ones until someone sends them again. The audit of re-sends
   * ({@code webhook_resends}) is kept.
   */
  private void prune() {
    update("DELETE FROM webhook_deliveries WHERE state = 'delivered' AND done_at < ?", wall.millis() - retention.toMillis());
  }

  private void update(String sql, Object... args) {
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      // The lease runs out and the delivery is tried again: at least once, perhaps twice.
      LOG.warn("cannot record a webhook delivery's outcome: {}", e.toString());
    }
  }

  /** Lets the current pass finish (its attempts are recorded), then stops. */
  @Override
  public void close() {
    running = false;
    wake.release();
    try {
      thread.join(Webhooks.ATTEMPT.toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
