package dev.compact.notify;

import dev.compact.service.RecordService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each transition to the webhooks of the party it concerns, signed with that party's secret.
 * A failed delivery is retried with exponential backoff; the record never waits for a receiver.
 */
public final class Webhooks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One subscription: the party whose transitions it wants ("*" for all), where to, and the shared secret. */
  public record Subscription(String party, String url, String secret) {}

  private final List<Subscription> subscriptions;
  private final Clock clock;
  private final int attempts;
  private final Duration firstDelay;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "compact-webhooks");
    thread.setDaemon(true);
    return thread;
  });

  public Webhooks(RecordService record, List<Subscription> subscriptions, Clock clock, int attempts, Duration firstDelay) {
    this.subscriptions = List.copyOf(subscriptions);
    this.clock = clock;
    this.attempts = attempts;
    this.firstDelay = firstDelay;
    if (!subscriptions.isEmpty()) {
      record.onChanges(this::publish);
    }
  }

  void publish(List<RecordService.Change> changes) {
    for (RecordService.Change change : changes) {
      Map<String, Object> view = TransitionHub.view(change);
      for (Subscription subscription : subscriptions) {
        boolean own = subscription.party().equals(view.get("obligor"));
        // A party's own webhook hears its restricted transitions too (a desk's clearance); secret ones stay
        // with the secretariat; a catch-all one hears only public ones.
        boolean cleared = own ? !change.classification().equals("secret") : subscription.party().equals("*") && change.isPublic();
        if (cleared) {
          String body = JSON.writeValueAsString(Map.of("type", "norm-transition", "transition", view));
          executor.execute(() -> deliver(subscription, body, 1));
        }
      }
    }
  }

  private void deliver(Subscription subscription, String body, int attempt) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url()))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header(WebhookSignature.HEADER, WebhookSignature.sign(subscription.secret(), clock.instant().getEpochSecond(), body))
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) {
        return;
      }
      retry(subscription, body, attempt, "HTTP " + status);
    } catch (java.io.IOException e) {
      retry(subscription, body, attempt, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void retry(Subscription subscription, String body, int attempt, String why) {
    if (attempt >= attempts) {
      LOG.warn("webhook to {} failed {} times, giving up: {}", subscription.url(), attempt, why);
      return;
    }
    long delay = firstDelay.toMillis() << (attempt - 1);
    LOG.info("webhook to {} failed ({}), retrying in {} ms", subscription.url(), why, delay);
    executor.schedule(() -> deliver(subscription, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
