package dev.compact.identity;

import dev.compact.access.Accounts;
import dev.compact.store.Database;
import dev.compact.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which identity-provider identities act as which Compact accounts. A link is made explicitly by
 * an administrator; an identity without one, or linked to a disabled account, is nobody here,
 * however valid its token.
 */
public final class IdentityLinks {
  private static final int MAX_LENGTH = 500;
  private final Database database;
  private final Accounts accounts;
  private final Clock clock;

  public IdentityLinks(Database database, Accounts accounts, Clock clock) {
    this.database = database;
    this.accounts = accounts;
    this.clock = clock;
  }

  /** A link: the identity (issuer and subject) and the account it acts as. */
  public record Link(String issuer, String subject, String account, Instant created) {}

  /**
   * Links an identity to an account.
   *
   * @throws IllegalArgumentException for an unknown account, a malformed issuer or subject, or an identity already linked
   */
  public void link(String account, String issuer, String subject) {
    if (accounts.find(account).isEmpty()) {
      throw new IllegalArgumentException("no account '" + account + "'");
    }
    check(issuer, subject);
    Optional<String> existing = linkedAccount(issuer, subject);
    if (existing.isPresent()) {
      throw new IllegalArgumentException("that identity is already linked to " + existing.get() + "; unlink it first");
    }
    update("INSERT INTO identity_links (issuer, subject, account, created_at) VALUES (?, ?, ?, ?)", issuer, subject, account,
        clock.instant().toString());
  }

  /** Removes the link of an identity to an account; false when there was none. */
  public boolean unlink(String account, String issuer, String subject) {
    return update("DELETE FROM identity_links WHERE issuer = ? AND subject = ? AND account = ?", issuer, subject, account) == 1;
  }

  public List<Link> links() {
    List<Link> links = new ArrayList<>();
    query("SELECT issuer, subject, account, created_at FROM identity_links ORDER BY account, issuer, subject", rs -> links.add(
        new Link(rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4)))));
    return links;
  }

  /** The account an identity acts as, if it is linked to one that is not disabled. */
  public Optional<Accounts.Account> account(String issuer, String subject) {
    return linkedAccount(issuer, subject).filter(name -> accounts.disabledSince(name).isEmpty()).flatMap(accounts::find);
  }

  private Optional<String> linkedAccount(String issuer, String subject) {
    List<String> found = new ArrayList<>();
    query("SELECT account FROM identity_links WHERE issuer = ? AND subject = ?", rs -> found.add(rs.getString(1)), issuer, subject);
    return found.stream().findFirst();
  }

  private static void check(String issuer, String subject) {
    if (issuer == null || issuer.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("the issuer is the identity provider's URL, as in its tokens' 'iss' claim");
    }
    try {
      OidcSettings.requireSafeUrl("the issuer", issuer);
    } catch (OidcSettings.Misconfigured e) {
      throw new IllegalArgumentException(e.getMessage() + "; give it exactly as in the tokens' 'iss' claim");
    }
    if (subject == null || subject.isBlank() || subject.length() > MAX_LENGTH || subject.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("the subject is the identity provider's id for the person or client (its 'sub' claim, or the "
          + "configured claim): 1 to " + MAX_LENGTH + " characters, no control characters");
    }
  }

  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private int update(String sql, Object... args) {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("identity links: " + e.getMessage(), e);
    }
  }

  private void query(String sql, Row row, Object... args) {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("identity links: " + e.getMessage(), e);
    }
  }
}
