package dev.compact.security;

import dev.compact.access.CompactAuthentication;
import dev.compact.access.Passwords;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The dashboard's sign-in with an account's name and password, for Spring Security's form login.
 * The check and its throttling are {@link Passwords}' (PBKDF2, the same time for unknown names,
 * failures counted per name in the database, so on every instance): this turns its answer into an
 * authentication, a bad-credentials refusal, or a throttled one that says until when.
 */
final class PasswordProvider implements AuthenticationProvider {
  private final Passwords passwords;

  PasswordProvider(Passwords passwords) {
    this.passwords = passwords;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String name = String.valueOf(authentication.getPrincipal());
    Object credentials = authentication.getCredentials();
    return switch (passwords.signIn(name, credentials == null ? "" : credentials.toString())) {
      case Passwords.SignIn.Accepted(var account) -> CompactAuthentication.of(account);
      case Passwords.SignIn.Refused() -> throw new BadCredentialsException("The name or password is wrong.");
      case Passwords.SignIn.Throttled(java.time.Duration wait) -> throw new Throttled(wait);
    };
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /** Too many failures in a row for this name: the password was not checked. */
  static final class Throttled extends AuthenticationException {
    private final transient java.time.Duration wait;

    Throttled(java.time.Duration wait) {
      super("too many failed sign-ins with this name");
      this.wait = wait;
    }

    java.time.Duration waitFor() {
      return wait;
    }
  }
}
