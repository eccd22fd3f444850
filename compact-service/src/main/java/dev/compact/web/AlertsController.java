package dev.compact.web;

import dev.compact.access.Actor;
import dev.compact.sanctions.ListFormat;
import dev.compact.service.Fields;
import dev.compact.watchlist.Watchlists;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A compliance account's alerts queue: its open watchlist alerts, newest first, each with the
 * counterparty, the list entry it matched, the list version, the score and why; a reviewer decides
 * each (confirmed match, false positive, escalated) with a reason. Decided alerts leave the queue and
 * are listed with their decisions (who, when, why). Only the signed-in account's own alerts are
 * shown or decided; the service layer refuses every other account, the secretariat included.
 */
@Controller
class AlertsController {
  /** Alerts per page. */
  static final int PAGE = 25;

  private final Watchlists watchlists;
  private final DashboardAuth auth;

  AlertsController(Watchlists watchlists, DashboardAuth auth) {
    this.watchlists = watchlists;
    this.auth = auth;
  }

  record DecisionView(String decision, String reason, String by, String at, String atText) {}

  record AlertView(String id, String counterpartyId, String counterpartyName, String source, String entityId, String entityName,
      String listVersion, String shortVersion, String versionLink, String score, String decision, String explanation,
      String raisedAt, String raisedText, String status, List<DecisionView> decisions) {}

  @GetMapping("/watchlist/alerts")
  String alerts(@RequestParam(defaultValue = "open") String view, @RequestParam(defaultValue = "1") int page, Model model,
      HttpServletRequest request) {
    Actor actor = auth.actor(request).orElseThrow(DashboardAuth.NotSignedIn::new);
    boolean open = !"decided".equals(view);
    int at = Math.max(1, page);
    Watchlists.Page shown = watchlists.page(actor, open, (at - 1) * PAGE, PAGE);
    int pages = Math.max(1, (shown.total() + PAGE - 1) / PAGE);
    model.addAttribute("view", open ? "open" : "decided");
    model.addAttribute("alerts", shown.alerts().stream().map(a -> view(a, open ? List.of() : watchlists.decisions(actor, a.alertId())))
        .toList());
    model.addAttribute("total", shown.total());
    model.addAttribute("otherTotal", watchlists.page(actor, !open, 0, 0).total());
    model.addAttribute("page", at);
    model.addAttribute("pages", pages);
    model.addAttribute("first", shown.total() == 0 ? 0 : (at - 1) * PAGE + 1);
    model.addAttribute("last", (at - 1) * PAGE + shown.alerts().size());
    return "alerts";
  }

  @PostMapping("/watchlist/alerts/{id}/decision")
  String decide(@PathVariable String id, @RequestParam(required = false) String decision, @RequestParam(required = false) String reason,
      @RequestParam(defaultValue = "open") String view, @RequestParam(required = false) String formKey, HttpServletRequest request) {
    Actor actor = auth.require(request);
    Watchlists.Verdict verdict = Fields.keyword(Watchlists.Verdict.class, decision, "decision");
    watchlists.decide(actor, id, verdict, reason, FormCommands.key(formKey));
    return "redirect:/watchlist/alerts?view=" + ("decided".equals(view) ? "decided" : "open") + "&done=decided";
  }

  private static AlertView view(Watchlists.Alert a, List<Watchlists.Decision> decisions) {
    boolean recorded = ListFormat.parse(a.source()).isPresent() && !a.listVersion().chars().allMatch(c -> c == '0');
    return new AlertView(a.alertId(), a.counterpartyId(), a.counterpartyName() == null ? "" : a.counterpartyName(), a.source(),
        a.entityId(), a.entityName(), a.listVersion(), a.listVersion().substring(0, Math.min(12, a.listVersion().length())),
        recorded ? "/sanctions/lists/" + a.source() + "/" + a.listVersion() : null, String.format(Locale.ROOT, "%.3f", a.score()),
        a.decision(), a.explanation(), a.raisedAt(), Format.instant(Instant.parse(a.raisedAt())), a.status(),
        decisions.stream().map(d -> new DecisionView(d.decision(), d.reason(), d.by(), d.at(), Format.instant(Instant.parse(d.at()))))
            .toList());
  }
}
