package dev.compact.access;

import dev.compact.store.Database;
import dev.compact.store.Sql;
import dev.compact.text.Shown;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Accounts with roles, and API tokens for people and machines: random, shown once, stored only as
 * their SHA-256, with an expiry, revocable. An account may also have a password and sessions for
 * the dashboard ({@link #passwords()}, {@link #sessions()}), and may be disabled, which stops its
 * tokens, passwords and sessions at once.
 */
public final class Accounts {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  private static final String PREFIX = "cpt_";
  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final DashboardSessions sessions;
  private final Passwords passwords;

  /** Accounts whose tokens, sessions and sign-in throttle all follow {@code clock} (the CLI's, the machine's). */
  public Accounts(Database database, Clock clock) {
    this(database, clock, clock);
  }

  /**
   * Accounts whose tokens and sessions follow the service's {@code clock} (a test clock ends them too), and whose
   * sign-in throttle follows {@code lockout}, real time: how long a guesser waits is not the record's time.
   */
  public Accounts(Database database, Clock clock, Clock lockout) {
    this.database = database;
    this.clock = clock;
    this.sessions = new DashboardSessions(database, clock);
    this.passwords = new Passwords(this, database, lockout, sessions);
  }

  public Passwords passwords() {
    return passwords;
  }

  public DashboardSessions sessions() {
    return sessions;
  }

  /** An authenticated account and its roles. */
  public record Account(String name, Set<Role> roles) {}

  /** A token as listed: never the token itself. */
  public record TokenInfo(String id, String account, Instant created, Instant expires, Optional<Instant> revoked) {}

  /** The token, to be shown once, and its id for listing and revoking. */
  public record Issued(String id, String token, Instant expires) {}

  public void add(String name, List<String> roleTexts) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("account names are lower-case letters, digits, '.', '_' or '-', not '" + Shown.value(name) + "'");
    }
    Set<Role> roles = new LinkedHashSet<>();
    for (String text : roleTexts) {
      roles.add(Role.parse(text).orElseThrow(() -> new IllegalArgumentException(
          "unknown role '" + Shown.value(text) + "'; use secretariat, observer, monitor, compliance, guarantor:XXX or protected:XXX with a party code")));
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("give the account at least one role");
    }
    update("INSERT INTO accounts (name, roles, created_at) VALUES (?, ?, ?)", name,
        roles.stream().map(Role::format).collect(Collectors.joining(";")), clock.instant().toString());
  }

  public Issued issue(String account, Duration validity) {
    if (find(account).isEmpty()) {
      throw new IllegalArgumentException("no account '" + Shown.value(account) + "'");
    }
    if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofDays(3660)) > 0) {
      throw new IllegalArgumentException("a token is valid for more than nothing and at most ten years");
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String token = PREFIX + secret;
    // The id is cut from the token's hash, not from the token: it gives none of the secret away, and
    // being hex it never starts with '-' (which a command line would read as an option).
    String id = "t" + hash(token).substring(0, 12);
    Instant now = clock.instant();
    Instant expires = now.plus(validity);
    update("INSERT INTO api_tokens (token_id, token_hash, account, created_at, expires_at) VALUES (?, ?, ?, ?, ?)", id, hash(token), account,
        now.toString(), expires.toString());
    return new Issued(id, token, expires);
  }

  /** The account a token belongs to, if the token is known, unexpired and not revoked. */
  public Optional<Account> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    List<String[]> rows = query("SELECT t.account, t.expires_at, t.revoked_at, a.roles FROM api_tokens t JOIN accounts a ON a.name = t.account"
        + " WHERE t.token_hash = ? AND a.disabled_at IS NULL", 4, hash(token));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    String[] row = rows.getFirst();
    if (row[2] != null || !clock.instant().isBefore(Instant.parse(row[1]))) {
      return Optional.empty();
    }
    return Optional.of(new Account(row[0], roles(row[3])));
  }

  /** The id of a token given whole, if it is one that was issued (valid or not). */
  public Optional<String> tokenId(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    return query("SELECT token_id FROM api_tokens WHERE token_hash = ?", 1, hash(token)).stream().findFirst().map(row -> row[0]);
  }

  /**
   * Revokes a token, named by its id or given whole. The dashboard sessions opened with it end at
   * their next request, on every instance ({@link DashboardSessions#state}).
   */
  public boolean revoke(String idOrToken) {
    String tokenId = idOrToken;
    if (idOrToken.startsWith(PREFIX)) {
      Optional<String> id = tokenId(idOrToken);
      if (id.isEmpty()) {
        return false;
      }
      tokenId = id.get();
    }
    return update("UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL", clock.instant().toString(),
        tokenId) == 1;
  }

  /**
   * Disables an account: its tokens and password stop working and its dashboard sessions end,
   * while its name stays on the events it recorded. False if it was disabled already.
   */
  public boolean disable(String name) {
    requireAccount(name);
    boolean disabled = update("UPDATE accounts SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL", clock.instant().toString(), name) == 1;
    sessions.endAll(name);
    return disabled;
  }

  /** Lets a disabled account sign in again; false if it was not disabled. */
  public boolean enable(String name) {
    requireAccount(name);
    return update("UPDATE accounts SET disabled_at = NULL WHERE name = ? AND disabled_at IS NOT NULL", name) == 1;
  }

  public Optional<Instant> disabledSince(String name) {
    return query("SELECT disabled_at FROM accounts WHERE name = ?", 1, name).stream().findFirst()
        .flatMap(row -> Optional.ofNullable(row[0])).map(Instant::parse);
  }

  private void requireAccount(String name) {
    if (find(name).isEmpty()) {
      throw new IllegalArgumentException("no account '" + Shown.value(name) + "'");
    }
  }

  public Optional<Account> find(String name) {
    return query("SELECT name, roles FROM accounts WHERE name = ?", 2, name).stream().findFirst()
        .map(row -> new Account(row[0], roles(row[1])));
  }

  public List<Account> accounts() {
    return query("SELECT name, roles FROM accounts ORDER BY name", 2).stream().map(row -> new Account(row[0], roles(row[1]))).toList();
  }

  public List<TokenInfo> tokens() {
    return query("SELECT token_id, account, created_at, expires_at, revoked_at FROM api_tokens ORDER BY created_at, token_id", 5).stream()
        .map(row -> new TokenInfo(row[0], row[1], Instant.parse(row[2]), Instant.parse(row[3]),
            Optional.ofNullable(row[4]).map(Instant::parse))).toList();
  }

  static Set<Role> roles(String text) {
    Set<Role> roles = new LinkedHashSet<>();
    for (String part : text.split(";")) {
      Role.parse(part).ifPresent(roles::add);
    }
    return roles;
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private int update(String sql, Object... args) {
    return Sql.updateUnique(database, "that account already exists", sql, args);
  }

  private List<String[]> query(String sql, int columns, Object... args) {
    return Sql.query(database, sql, columns, args);
  }
}
