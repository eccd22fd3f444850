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
  public record Subscription(String party, String url, String secret) {
    /**
     * Where the subscription sends, as logs may show it: the scheme, host and port. Receivers often
     * take a token in the path or query of their URL, so the rest stays out of the log.
     */
    public String origin() {
      URI uri = URI.create(url);
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public String toString() {
      return "Subscription[party=" + party + ", url=" + origin() + "/..., secret=****]";
    }
  }

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
    for (int i = 0; i < subscriptions.size(); i++) {
      check(i, subscriptions.get(i));
    }
    this.subscriptions = List.copyOf(subscriptions);
    this.clock = clock;
    this.attempts = attempts;
    this.firstDelay = firstDelay;
    if (!subscriptions.isEmpty()) {
      record.onChanges(this::publish);
    }
  }

  /** Refuses a subscription that could not be delivered, at start, in words that repeat neither URL nor secret. */
  private static void check(int index, Subscription subscription) {
    String which = "compact.webhooks[" + index + "]";
    if (subscription.party() == null || subscription.party().isBlank()) {
      throw new IllegalArgumentException(which + ".party is missing: give a party code such as GBR, or * for all public transitions");
    }
    if (subscription.secret() == null || subscription.secret().isBlank()) {
      throw new IllegalArgumentException(which + ".secret is missing: the receiver checks each delivery with it");
    }
    URI uri;
    try {
      uri = subscription.url() == null ? null : new URI(subscription.url());
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(which + ".url is not an absolute http or https URL");
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
      LOG.warn("webhook to {} for {} failed {} times, giving up: {}", subscription.origin(), subscription.party(), attempt, why);
      return;
    }
    long delay = firstDelay.toMillis() << (attempt - 1);
    LOG.info("webhook to {} for {} failed ({}), retrying in {} ms", subscription.origin(), subscription.party(), why, delay);
    executor.schedule(() -> deliver(subscription, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
