package dev.compact.web;

import dev.compact.notify.TransitionHub;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's live updates: the transitions the signed-in reader's clearance shows (the public's
 * without a session). A browser's EventSource sends the session cookie but cannot send the API's
 * bearer token, so the pages listen here rather than to {@code /api/stream}. It is a GET that
 * changes nothing; the cookie is SameSite=Strict and no CORS header is sent, so another site's page
 * can neither open it with the reader's session nor read it. The stream ends after
 * {@code compact.dashboard-stream-lifetime} and the browser reconnects with the last id it received.
 * While it lasts, the session is read again before each send and every {@code compact.stream-recheck}
 * while nothing comes: signing out or a session's end stops what it was cleared for at once.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden // the dashboard's, not part of the API's description
class LiveController {
  private final TransitionHub hub;
  private final DashboardAuth auth;
  private final dev.compact.access.StreamCredentials recheck;
  private final Duration lifetime;

  LiveController(TransitionHub hub, DashboardAuth auth, dev.compact.access.StreamCredentials recheck,
      @Value("${compact.dashboard-stream-lifetime:PT1M}") Duration lifetime) {
    this.hub = hub;
    this.auth = auth;
    this.recheck = recheck;
    if (lifetime.isNegative()) {
      throw new IllegalArgumentException("compact.dashboard-stream-lifetime must not be negative (zero: streams never end); it is " + lifetime);
    }
    this.lifetime = lifetime;
  }

  @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter live(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request) {
    var clearance = Readers.clearance(auth, request);
    // The session is read again before each send and while nothing comes, as a token is for /api/stream:
    // signing out, a disabled account or a revoked token ends the stream then, not at the end of its lifetime.
    jakarta.servlet.http.HttpSession session = request.getSession(false);
    var cleared = recheck.stillSignedIn(session == null ? null : session.getId(), clearance);
    try {
      return hub.subscribe(clearance, Optional.ofNullable(lastEventId), lifetime, cleared);
    } catch (IllegalArgumentException e) {
      // An id of a higher clearance than the reader's now (the session ended meanwhile): start
      // from the present; the page reads itself again when the stream opens.
      return hub.subscribe(clearance, Optional.empty(), lifetime, cleared);
    }
  }
}
