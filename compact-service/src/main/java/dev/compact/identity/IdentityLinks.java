package dev.compact.identity;

import dev.compact.access.Accounts;
import dev.compact.store.Database;
import dev.compact.store.Sql;
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
    for (String[] row : Sql.query(database, "SELECT issuer, subject, account, created_at FROM identity_links ORDER BY account, issuer, subject", 4)) {
      links.add(new Link(row[0], row[1], row[2], Instant.parse(row[3])));
    }
    return links;
  }

  /** The account an identity acts as, if it is linked to one that is not disabled. */
  public Optional<Accounts.Account> account(String issuer, String subject) {
    return linkedAccount(issuer, subject).filter(name -> accounts.disabledSince(name).isEmpty()).flatMap(accounts::find);
  }

  private Optional<String> linkedAccount(String issuer, String subject) {
    return Sql.query(database, "SELECT account FROM identity_links WHERE issuer = ? AND subject = ?", 1, issuer, subject).stream()
        .findFirst().map(row -> row[0]);
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

  private int update(String sql, Object... args) {
    return Sql.update(database, sql, args);
  }
}
