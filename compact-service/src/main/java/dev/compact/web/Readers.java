package dev.compact.web;

import dev.compact.access.Actor;
import dev.compact.access.Clearance;
import jakarta.servlet.http.HttpServletRequest;

/** What the reader of a dashboard page may see: the public record unless signed in with a cleared account. */
final class Readers {
  private Readers() {}

  static Clearance clearance(DashboardAuth auth, HttpServletRequest request) {
    return Clearance.of(auth.actor(request).map(Actor.class::cast).orElse(null));
  }
}
