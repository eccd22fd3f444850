package dev.compact.api;

import dev.compact.access.Actor;
import dev.compact.access.Forbidden;
import dev.compact.access.Permissions;
import dev.compact.notify.WebhookDeliveries;
import dev.compact.notify.Webhooks;
import dev.compact.service.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The secretariat's view of webhook deliveries, and the way to send again those that exhausted
 * their attempts (docs/service.md, Notifications). Every re-send is audited with the account that
 * asked; nobody else may see or touch the deliveries. A compliance account's alert deliveries are
 * left out: nobody but that account sees its alerts, the secretariat included.
 */
@RestController
@RequestMapping("/api/webhooks/deliveries")
class WebhooksApiController {
  private final Webhooks webhooks;

  WebhooksApiController(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  /** Deliveries in a state (default {@code failed}), oldest first, with the last error and their re-sends. */
  @GetMapping
  List<WebhookDeliveries.Delivery> deliveries(@RequestParam(defaultValue = "failed") String state,
      @RequestParam(defaultValue = "100") int limit, HttpServletRequest request) {
    secretariat(request);
    return webhooks.deliveries().list(state, limit, WebhookDeliveries.Scope.PARTIES);
  }

  /** Sends one failed delivery again: the same id and body, attempts counted afresh. */
  @PostMapping("/{id}/resend")
  WebhookDeliveries.Resent resend(@PathVariable String id, HttpServletRequest request) {
    Actor actor = secretariat(request);
    // A compliance account's alert deliveries answer as if they did not exist: their alerts are its own.
    if (webhooks.deliveries().find(id, WebhookDeliveries.Scope.PARTIES).isEmpty()) {
      throw new NotFound("no webhook delivery '" + id + "'");
    }
    WebhookDeliveries.Resent resent = webhooks.resend(List.of(id), actor.name());
    if (resent.resent().isEmpty()) {
      throw new IllegalArgumentException(resent.refused().getFirst());
    }
    return resent;
  }

  /** Sends every failed delivery again (up to 1,000 at a time); says which it could not, and why. */
  @PostMapping("/resend-failed")
  WebhookDeliveries.Resent resendFailed(HttpServletRequest request) {
    return webhooks.resendFailed(secretariat(request).name());
  }

  private static Actor secretariat(HttpServletRequest request) {
    Actor actor = ApiAuthentication.actor(request);
    Permissions.Verdict verdict = Permissions.manageWebhooks(actor.roles());
    if (!verdict.allowed()) {
      throw new Forbidden(actor.name() + ": " + verdict.reason());
    }
    return actor;
  }
}
