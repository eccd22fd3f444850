package dev.compact.notify;

import dev.compact.service.ChangeFeed;
import dev.compact.service.RecordService;
import dev.compact.store.Database;
import dev.compact.store.StoreException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each transition to the webhooks of the party it concerns, signed with that party's secret,
 * at least once. The deliveries are written in the append's transaction (table
 * {@code webhook_deliveries}); a dispatcher on each instance ({@link WebhookDispatcher}) claims due
 * ones with a lease, sends them and records the outcome, so retries, with exponential backoff, survive
 * a restart and several instances share the work. The record never waits for a receiver. This class
 * holds the subscriptions and writes the deliveries.
 */
public final class Webhooks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The header carrying the delivery id, the same on every attempt: receivers deduplicate by it. */
  public static final String DELIVERY_HEADER = "Compact-Delivery";
  /**
   * The header a demonstration record's deliveries carry, as every answer of its service does (security/DemonstrationHeader):
   * a receiver sees neither the dashboard's banner nor those answers.
   */
  public static final String DEMONSTRATION_HEADER = "Compact-Demonstration";

  /**
   * One subscription: the party whose transitions it wants ("*" for all public ones), or instead the
   * compliance account whose watchlist alerts it wants; where to; and the shared secret.
   */
  public record Subscription(String party, String url, String secret, String account) {
    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public Subscription {}

    /** A party's subscription to transitions. */
    public Subscription(String party, String url, String secret) {
      this(party, url, secret, null);
    }

    /** Whom it serves, as logs may name it: the party, never an account (whose alerts are its own business). */
    String who() {
      return account == null ? party : "an account's alerts";
    }

    /**
     * Where the subscription sends, as logs may show it: the scheme, host and port. Receivers often
     * take a token in the path or query of their URL, so the rest stays out of the log.
     */
    public String origin() {
      URI uri = URI.create(url);
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** What the deliveries table records of it: a digest of party (or account) and URL, which says neither. */
    String key() {
      String identity = account == null ? party + "\n" + url : party + "\n" + url + "\n" + account;
      try {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is in every JDK", e);
      }
    }

    @Override
    public String toString() {
      return "Subscription[" + (account == null ? "party=" + party : "account=****") + ", url=" + origin() + "/..., secret=****]";
    }
  }

  /**
   * How deliveries are retried: at most {@code attempts} tries, the n-th retry {@code firstDelay}
   * times 2^(n-1) after the last, at most {@code maxDelay}; {@code poll} how often a dispatcher looks
   * for due deliveries written by other instances; {@code lease} how long a claimed delivery is left
   * to the instance that claimed it before another may try it (longer than one attempt can take).
   */
  public record Retries(int attempts, Duration firstDelay, Duration maxDelay, Duration poll, Duration lease) {
    public Retries {
      if (attempts < 1) {
        throw new IllegalArgumentException("compact.webhook-attempts must be at least 1");
      }
      if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
        throw new IllegalArgumentException("compact.webhook-max-delay must be at least compact.webhook-first-delay");
      }
      if (lease.compareTo(ATTEMPT) <= 0) {
        throw new IllegalArgumentException("compact.webhook-lease must be longer than one attempt (" + ATTEMPT.toSeconds() + " s)");
      }
    }

    /** The wait after the given failed attempt (1 for the first). */
    Duration delayAfter(int attempt) {
      Duration delay = firstDelay;
      for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
        delay = delay.multipliedBy(2);
      }
      return delay.compareTo(maxDelay) < 0 ? delay : maxDelay;
    }
  }

  /** The longest one attempt takes: connecting and the answer. */
  static final Duration ATTEMPT = Duration.ofSeconds(15);

  private final Database database;
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final Clock wall;
  private final WebhookDeliveries deliveries;
  /** Sends the deliveries; none without subscriptions. */
  private final WebhookDispatcher dispatcher;

  /**
   * {@code clock} dates the signatures; {@code wall}, the real time, schedules the attempts (a test
   * clock that stands still must not stop retries).
   */
  public Webhooks(RecordService record, List<Subscription> subscriptions, Clock clock, Clock wall, Retries retries) {
    this(record, subscriptions, clock, wall, retries, Duration.ofDays(7), false);
  }

  /**
   * {@code retention}: how long a delivered delivery is kept (failed ones are kept until sent again); {@code demonstration}:
   * the record is a demonstration ({@code compact.demonstration}), which every delivery says in {@link #DEMONSTRATION_HEADER}.
   */
  public Webhooks(RecordService record, List<Subscription> subscriptions, Clock clock, Clock wall, Retries retries, Duration retention,
      boolean demonstration) {
    for (int i = 0; i < subscriptions.size(); i++) {
      check(i, subscriptions.get(i));
      this.subscriptions.put(subscriptions.get(i).key(), subscriptions.get(i));
    }
    this.database = record.database();
    this.wall = wall;
    this.deliveries = new WebhookDeliveries(database, wall);
    if (subscriptions.isEmpty()) {
      dispatcher = null;
      return;
    }
    dispatcher = new WebhookDispatcher(database, this.subscriptions, clock, wall, retries, retention, demonstration);
    record.onChangesInTransaction(this::enqueue);
    record.onChanges(changes -> wake());
  }


  /** Refuses a subscription that could not be delivered, at start, in words that repeat neither URL nor secret. */
  private static void check(int index, Subscription subscription) {
    String which = "compact.webhooks[" + index + "]";
    boolean account = subscription.account() != null && !subscription.account().isBlank();
    boolean party = subscription.party() != null && !subscription.party().isBlank();
    if (account && party) {
      throw new IllegalArgumentException(which + " gives both .party and .account: a subscription hears a party's transitions or a"
          + " compliance account's watchlist alerts, not both; make two");
    }
    if (!account && !party) {
      throw new IllegalArgumentException(which + ".party is missing: give a party code such as GBR, or * for all public transitions"
          + " (or .account, a compliance account's name, for its watchlist alerts)");
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

  /**
   * Writes a delivery for each transition each subscription may hear of, in the append's
   * transaction. A party's own webhook hears its restricted transitions too (a desk's clearance);
   * secret ones stay with the secretariat; a catch-all one hears only public ones.
   */
  void enqueue(Connection connection, List<ChangeFeed.Change> changes) throws SQLException {
    long seq = lastSeq(connection);
    long now = wall.millis();
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_deliveries (id, seq, subscription, party, body, state,"
        + " attempts, next_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?)")) {
      for (ChangeFeed.Change change : changes) {
        String obligor = change.transition().instance().obligor().value();
        for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
          Subscription subscription = entry.getValue();
          if (subscription.account() != null) {
            continue;
          }
          boolean own = subscription.party().equals(obligor);
          boolean cleared = own ? !change.classification().equals("secret") : subscription.party().equals("*") && change.isPublic();
          if (!cleared) {
            continue;
          }
          String id = UUID.randomUUID().toString();
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("type", "norm-transition");
          // In the signed body as well as in a header: a receiver that deduplicates by it can trust it.
          body.put("delivery", id);
          body.put("transition", Outbox.view(change));
          insert.setString(1, id);
          insert.setLong(2, ++seq);
          insert.setString(3, entry.getKey());
          insert.setString(4, subscription.party().length() > 10 ? subscription.party().substring(0, 10) : subscription.party());
          insert.setString(5, JSON.writeValueAsString(body));
          insert.setLong(6, now);
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  /** The order number of the last delivery written, by any instance: deliveries are sent in that order. */
  private static long lastSeq(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(seq) FROM webhook_deliveries")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Writes a delivery of one private event (a watchlist alert) to the webhooks of the account it
   * belongs to, and to no other, in the caller's transaction: the event and its deliveries commit
   * together or not at all. Then {@link #wake} sends them. The body is {@code {"type", "delivery",
   * field: payload}}; the payload must hold only what that account may see.
   */
  public void enqueueForAccount(Connection connection, String account, String type, String field, Map<String, Object> payload)
      throws SQLException {
    List<Map.Entry<String, Subscription>> own = subscriptions.entrySet().stream()
        .filter(e -> account.equals(e.getValue().account())).toList();
    if (own.isEmpty()) {
      return;
    }
    long seq = lastSeq(connection);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_deliveries (id, seq, subscription, party, body, state,"
        + " attempts, next_at) VALUES (?, ?, ?, 'account', ?, 'pending', 0, ?)")) {
      for (Map.Entry<String, Subscription> entry : own) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("delivery", id);
        body.put(field, payload);
        insert.setString(1, id);
        insert.setLong(2, ++seq);
        insert.setString(3, entry.getKey());
        insert.setString(4, JSON.writeValueAsString(body));
        insert.setLong(5, wall.millis());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }


  /** The deliveries as an operator reads them. */
  public WebhookDeliveries deliveries() {
    return deliveries;
  }

  /**
   * Sends failed deliveries again ({@link WebhookDeliveries#resend}), audited as {@code by}, and looks
   * for due deliveries at once. One this instance has no subscription for is refused: every instance
   * should have the same subscriptions.
   */
  public WebhookDeliveries.Resent resend(java.util.Collection<String> ids, String by) {
    WebhookDeliveries.Resent resent = deliveries.resend(ids, by, Optional.of(subscriptions.keySet()));
    wake();
    return resent;
  }

  /** Sends every failed delivery of a party webhook again, as {@link #resend} does (an account's alerts are not the secretariat's to see). */
  public WebhookDeliveries.Resent resendFailed(String by) {
    WebhookDeliveries.Resent resent = deliveries.resendFailed(by, Optional.of(subscriptions.keySet()), WebhookDeliveries.Scope.PARTIES);
    wake();
    return resent;
  }

  /** Looks for due deliveries now: another instance wrote some ({@link OutboxSignal}), or an account's alerts were raised. */
  public void wake() {
    if (dispatcher != null) {
      dispatcher.wake();
    }
  }

  /** How many deliveries, of every instance, are in this state ({@code pending}, {@code delivered}, {@code failed}). */
  public long count(String state) {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM webhook_deliveries WHERE state = ?")) {
      ps.setString(1, state);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot count webhook deliveries: " + e.getMessage(), e);
    }
  }
  /** Lets the current pass finish (its attempts are recorded), then stops. */
  @Override
  public void close() {
    if (dispatcher != null) {
      dispatcher.close();
    }
  }
}
