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

/**
 * The dashboard's sign-in sessions, kept in the database (so that instances sharing one
 * PostgreSQL share them) and only as the SHA-256 of their random id. A session ends on sign-out,
 * after 30 minutes without a page being opened or 12 hours after sign-in, when its account is
 * disabled or its password changed, and, for a session opened with an API token, when that token
 * is revoked or expires. Times are the service's clock, so a test clock ends sessions too.
 */
public final class Sessions {
  public static final Duration IDLE = Duration.ofMinutes(30);
  public static final Duration LIFETIME = Duration.ofHours(12);
  // Activity is written at most once a minute: a page opens several times a minute, the idle
  // timeout needs no finer grain.
  private static final Duration TOUCH_STEP = Duration.ofMinutes(1);
  private static final String PREFIX = "cps_";
  private static final Pattern ID = Pattern.compile("cps_[A-Za-z0-9_-]{43}");

  private final Accounts accounts;
  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Sessions(Accounts accounts, Database database, Clock clock) {
    this.accounts = accounts;
    this.database = database;
    this.clock = clock;
  }

  /** A new session for an account that has just proved who it is; the id returned is stored nowhere. */
  public String start(Accounts.Account account) {
    return start(account.name(), null);
  }

  /** A new session for the account of an API token, ending with the token, if the token is valid now. */
  public Optional<String> startWithToken(String token) {
    return accounts.authenticate(token).flatMap(account -> Sql.query(database, "SELECT token_id FROM api_tokens WHERE token_hash = ?", 1,
        Accounts.hash(token)).stream().findFirst().map(row -> start(account.name(), row[0])));
  }

  /**
   * The account of a live session. {@code active} says the person opened a page or sent a form
   * (not a page refreshing itself), which postpones the idle timeout.
   */
  public Optional<Accounts.Account> resume(String id, boolean active) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    String hash = Accounts.hash(id);
    List<String[]> rows = Sql.query(database, "SELECT s.account, s.created_ms, s.last_seen_ms, s.token_id, a.roles, a.disabled_at,"
        + " t.expires_at, t.revoked_at FROM dashboard_sessions s JOIN accounts a ON a.name = s.account"
        + " LEFT JOIN api_tokens t ON t.token_id = s.token_id WHERE s.id_hash = ?", 8, hash);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    String[] row = rows.getFirst();
    Instant now = clock.instant();
    Instant created = Instant.ofEpochMilli(Long.parseLong(row[1]));
    Instant lastSeen = Instant.ofEpochMilli(Long.parseLong(row[2]));
    boolean tokenGone = row[3] != null && (row[7] != null || row[6] == null || !now.isBefore(Instant.parse(row[6])));
    if (!now.isBefore(created.plus(LIFETIME)) || !now.isBefore(lastSeen.plus(IDLE)) || row[5] != null || tokenGone) {
      Sql.update(database, "DELETE FROM dashboard_sessions WHERE id_hash = ?", hash);
      return Optional.empty();
    }
    if (active && !now.isBefore(lastSeen.plus(TOUCH_STEP))) {
      Sql.update(database, "UPDATE dashboard_sessions SET last_seen_ms = ? WHERE id_hash = ? AND last_seen_ms < ?", now.toEpochMilli(), hash,
          now.toEpochMilli());
    }
    return Optional.of(new Accounts.Account(row[0], Accounts.roles(row[4])));
  }

  /** Ends a session (signing out); false if there was none. */
  public boolean end(String id) {
    return id != null && ID.matcher(id).matches() && Sql.update(database, "DELETE FROM dashboard_sessions WHERE id_hash = ?", Accounts.hash(id)) == 1;
  }

  /** How many sessions an account has open, expired ones not counted. */
  public int count(String account) {
    long now = clock.instant().toEpochMilli();
    return Integer.parseInt(Sql.query(database, "SELECT COUNT(*) FROM dashboard_sessions WHERE account = ? AND created_ms > ? AND last_seen_ms > ?",
        1, account, now - LIFETIME.toMillis(), now - IDLE.toMillis()).getFirst()[0]);
  }

  void endAll(String account) {
    Sql.update(database, "DELETE FROM dashboard_sessions WHERE account = ?", account);
  }

  void endForToken(String tokenId) {
    Sql.update(database, "DELETE FROM dashboard_sessions WHERE token_id = ?", tokenId);
  }

  private String start(String account, String tokenId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String id = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long now = clock.instant().toEpochMilli();
    // Sessions nobody ended are removed here, when one starts, rather than by a timer.
    Sql.update(database, "DELETE FROM dashboard_sessions WHERE created_ms <= ? OR last_seen_ms <= ?", now - LIFETIME.toMillis(),
        now - IDLE.toMillis());
    Sql.update(database, "INSERT INTO dashboard_sessions (id_hash, account, token_id, created_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?)",
        Accounts.hash(id), account, tokenId, now, now);
    return id;
  }
}
