package dev.compact.access;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An account that has proved who it is (with an API token, an identity-provider token or its
 * password), as Spring Security holds it. The principal is the {@link Actor}; the authorities say
 * its roles and its clearance, for request rules and method security. Whether the actor may write
 * a particular event is still decided by {@link Permissions}, which knows the parties and the
 * agreement: authorities are coarse, party-scoped roles are the real rule.
 */
public final class CompactAuthentication extends AbstractAuthenticationToken {
  private final Actor actor;

  public CompactAuthentication(Actor actor) {
    super(authorities(actor));
    this.actor = actor;
    setAuthenticated(true);
  }

  public static CompactAuthentication of(Accounts.Account account) {
    return new CompactAuthentication(Actor.of(account));
  }

  @Override
  public Actor getPrincipal() {
    return actor;
  }

  /** Nothing secret is kept once the account is known. */
  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public String getName() {
    return actor.name();
  }

  /**
   * Sessions keep the authentication serialized (Spring Session JDBC): as the account's name, its
   * roles as written and whether it is the system, so that nothing else need be serializable.
   */
  @java.io.Serial
  private Object writeReplace() {
    return new Stored(actor.name(), actor.roles().stream().map(Role::format).toList(), actor.system());
  }

  private record Stored(String name, List<String> roles, boolean system) implements java.io.Serializable {
    @java.io.Serial
    private Object readResolve() {
      return new CompactAuthentication(new Actor(name, Accounts.roles(String.join(";", roles)), system));
    }
  }

  /**
   * {@code ROLE_SECRETARIAT}, {@code ROLE_GUARANTOR}, {@code ROLE_PROTECTED}, {@code ROLE_OBSERVER},
   * {@code ROLE_MONITOR}; each desk's party as {@code guarantor:GBR} or {@code protected:UKR}; and
   * the clearance as {@code CLEARANCE_PUBLIC}, {@code CLEARANCE_RESTRICTED} or {@code CLEARANCE_SECRET}.
   */
  static List<GrantedAuthority> authorities(Actor actor) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (Role role : actor.roles()) {
      authorities.add(new SimpleGrantedAuthority(switch (role) {
        case Role.Secretariat s -> "ROLE_SECRETARIAT";
        case Role.Observer o -> "ROLE_OBSERVER";
        case Role.Monitor m -> "ROLE_MONITOR";
        case Role.Compliance c -> "ROLE_COMPLIANCE";
        case Role.GuarantorDesk g -> "ROLE_GUARANTOR";
        case Role.ProtectedDesk p -> "ROLE_PROTECTED";
      }));
      if (role instanceof Role.GuarantorDesk || role instanceof Role.ProtectedDesk) {
        authorities.add(new SimpleGrantedAuthority(Role.format(role)));
      }
    }
    authorities.add(new SimpleGrantedAuthority("CLEARANCE_" + Clearance.of(actor).name()));
    return authorities;
  }
}
