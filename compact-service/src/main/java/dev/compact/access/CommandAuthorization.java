package dev.compact.access;

import dev.compact.commands.Command;
import dev.compact.commands.Decider;
import dev.compact.engine.Event;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * Method security for the command handler: whether the authenticated caller may give a command at
 * all, checked by the handler itself, so that a new way in that forgets the web layer's checks (or
 * hands the handler an actor it made up) is still refused before anything is written. The caller
 * must be an authenticated account, the actor the command is given as must be that account exactly
 * (same name, same roles), and its roles must allow every event the command decides
 * ({@link Permissions#check}). What needs the record (standing, classification, the expected
 * version) is checked again under the record's lock.
 */
public final class CommandAuthorization implements AuthorizationManager<CommandAuthorization.Attempt> {

  /** A command and the actor it is given as. */
  public record Attempt(Command command, Actor actor) {}

  /** A refusal that says why. */
  public static final class Denied extends AuthorizationDecision {
    private final String reason;

    Denied(String reason) {
      super(false);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  @Override
  public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, Attempt attempt) {
    Authentication caller = authentication.get();
    if (!(caller instanceof CompactAuthentication account) || !caller.isAuthenticated()) {
      return new Denied("a command needs an authenticated account, and this call has none");
    }
    Actor principal = account.getPrincipal();
    if (!principal.equals(attempt.actor())) {
      return new Denied("the command is given as " + attempt.actor().name() + " but the caller is " + principal.name());
    }
    if (principal.system()) {
      return new Denied("the service itself gives no commands; only its clock lets time pass");
    }
    // The events the command would record, decided at its own time (or any time: roles do not depend on
    // it). A command the decider refuses records nothing anyway; the handler answers it with the reason.
    Instant at = attempt.command().occurredAt().orElse(Instant.EPOCH);
    if (Decider.decide(attempt.command(), at) instanceof Decider.Decision.Accepted accepted) {
      for (Event event : accepted.events()) {
        Permissions.Verdict verdict = Permissions.check(principal.roles(), event);
        if (!verdict.allowed()) {
          return new Denied(verdict.reason());
        }
      }
    }
    return new AuthorizationDecision(true);
  }
}
