package dev.compact.access;

import dev.compact.store.Database;
import dev.compact.store.Sql;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dashboard's sign-in sessions: Spring Session JDBC in the service's database (table
 * {@code spring_session}), so that every instance over one PostgreSQL shares them. What Spring
 * Session does not do is here: the browser's cookie carries a random secret and the table only its
 * SHA-256, so that a copy of the table opens no session; and a session lives by the service's clock
 * (30 minutes after the person last opened a page or sent a form, 12 hours after signing in, and
 * while its account is enabled and, when opened with an API token, while that token is valid), so
 * that a test clock ends sessions too. Spring Session's own idle timeout (30 minutes of the
 * machine's time since the last request of any kind) applies as well.
 */
public final class DashboardSessions {
  public static final Duration IDLE = Duration.ofMinutes(30);
  public static final Duration LIFETIME = Duration.ofHours(12);
  /** Activity is written at most once a minute: a page opens several times a minute, the idle timeout needs no finer grain. */
  public static final Duration TOUCH_STEP = Duration.ofMinutes(1);
  public static final String SIGNED_IN = "compact.signed-in-ms";
  public static final String ACTIVE = "compact.active-ms";
  public static final String TOKEN = "compact.token-id";
  /** The cookie that carries a session's secret. */
  public static final String COOKIE = "compact_session";
  /** Request attributes of a refused sign-in, for the page that shows it: why ("wrong", "token", "throttled") and how long to wait. */
  public static final String REFUSAL = "compact.signin.refusal";
  public static final String WAIT = "compact.signin.wait";
  private static final String PREFIX = "cps_";
  private static final Pattern SECRET = Pattern.compile("cps_[A-Za-z0-9_-]{43}");

  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ThreadLocal<String> minted = new ThreadLocal<>();
  private volatile JdbcIndexedSessionRepository repository;

  DashboardSessions(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * Spring Session's repository over the service's database, made on first use (the commands that
   * manage accounts never need it). Expired rows are removed when a session starts, not by a timer.
   */
  public JdbcIndexedSessionRepository repository() {
    JdbcIndexedSessionRepository ready = repository;
    if (ready != null) {
      return ready;
    }
    synchronized (this) {
      if (repository == null) {
        JdbcIndexedSessionRepository made = new JdbcIndexedSessionRepository(new JdbcTemplate(database.dataSource()),
            new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())));
        made.setDefaultMaxInactiveInterval(IDLE);
        made.setSessionIdGenerator(this::mint);
        made.setCleanupCron(Scheduled.CRON_DISABLED);
        made.afterPropertiesSet();
        repository = made;
      }
      return repository;
    }
  }

  /**
   * A new session id: a random secret for the cookie, whose SHA-256 is the id Spring Session
   * stores. The secret is held for this thread until {@link #secretFor} hands it to the cookie.
   */
  private String mint() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    minted.set(secret);
    return hash(secret);
  }

  /** The secret of a session id minted on this thread, once; empty for any other id. */
  public Optional<String> secretFor(String id) {
    String secret = minted.get();
    minted.remove();
    return secret != null && hash(secret).equals(id) ? Optional.of(secret) : Optional.empty();
  }

  /** The stored id of the session a cookie's secret names; empty for a value that cannot be one. */
  public static Optional<String> idOf(String secret) {
    return secret != null && SECRET.matcher(secret).matches() ? Optional.of(hash(secret)) : Optional.empty();
  }

  /** What a request found of its session on the service's clock. */
  public enum State {
    /** Live; nothing to write. */
    LIVE,
    /** Live, and the person's activity should be written (at most once a {@link #TOUCH_STEP}). */
    TOUCH,
    /** Over: idle, too old, its account disabled or its token revoked or expired. */
    ENDED
  }

  /**
   * Whether a session is live now. {@code byPerson} says the person opened a page or sent a form,
   * rather than a page refreshing itself, which alone postpones the idle timeout.
   */
  public State state(String account, Long signedInMs, Long activeMs, String tokenId, boolean byPerson) {
    if (signedInMs == null || activeMs == null) {
      return State.ENDED;
    }
    Instant now = clock.instant();
    if (!now.isBefore(Instant.ofEpochMilli(signedInMs).plus(LIFETIME)) || !now.isBefore(Instant.ofEpochMilli(activeMs).plus(IDLE))) {
      return State.ENDED;
    }
    List<String[]> rows = Sql.query(database, "SELECT a.disabled_at, t.expires_at, t.revoked_at, t.token_id FROM accounts a"
        + " LEFT JOIN api_tokens t ON t.token_id = ? AND t.account = a.name WHERE a.name = ?", 4, tokenId, account);
    if (rows.isEmpty() || rows.getFirst()[0] != null) {
      return State.ENDED;
    }
    String[] row = rows.getFirst();
    if (tokenId != null && (row[3] == null || row[2] != null || !now.isBefore(Instant.parse(row[1])))) {
      return State.ENDED;
    }
    return byPerson && !now.isBefore(Instant.ofEpochMilli(activeMs).plus(TOUCH_STEP)) ? State.TOUCH : State.LIVE;
  }

  /** The time to write as the person's last activity. */
  public long now() {
    return clock.millis();
  }

  /** How many sessions an account has in the table. */
  public int count(String account) {
    return Integer.parseInt(Sql.query(database, "SELECT COUNT(*) FROM spring_session WHERE principal_name = ?", 1, account).getFirst()[0]);
  }

  /** Ends every session of an account, on every instance: their rows go (and their attributes with them). */
  void endAll(String account) {
    Sql.update(database, "DELETE FROM spring_session WHERE principal_name = ?", account);
  }

  /** Removes the rows of sessions Spring Session counts as expired; done when a session starts, rather than by a timer. */
  public void removeExpired() {
    repository().cleanUpExpiredSessions();
  }

  /**
   * Only a path on this site: a sign-in link must not send anyone elsewhere. Printable ASCII only (a path the
   * dashboard links to is percent-encoded): a CR or LF made the redirect after a successful sign-in a 500 with a
   * stack trace, as the response refuses such a Location header, and a tab or space is no path of this site.
   */
  public static String local(String back) {
    return back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") && back.chars().allMatch(c -> c > 0x20 && c < 0x7f)
        ? back : "/";
  }

  private static String hash(String secret) {
    return Accounts.hash(secret);
  }
}
