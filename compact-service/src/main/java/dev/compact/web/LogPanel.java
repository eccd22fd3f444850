package dev.compact.web;

import dev.compact.log.TransparencyLog;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The overview's panel on the record's integrity: the latest checkpoint that the witness policy's
 * quorum of guarantors cosigned, and who did. Its size counts every event, classified ones too,
 * which is public by design (docs/transparency.md).
 */
@ControllerAdvice(assignableTypes = OverviewController.class)
class LogPanel {
  private final TransparencyLog log;

  LogPanel(TransparencyLog log) {
    this.log = log;
  }

  /** A witnessed checkpoint as the page shows it. */
  record Witnessed(long size, String root, String signers, int quorum) {}

  @ModelAttribute
  void witnessed(Model model) {
    model.addAttribute("witnessed", log.latestWitnessed().map(view -> {
      String signers = String.join(", ", view.witnesses().stream().map(w -> w.party() + " (" + w.name() + ", " + w.signedAt() + ")")
          .toList());
      return new Witnessed(view.size(), view.root(), signers, log.quorum());
    }).orElse(null));
    model.addAttribute("witnessCount", log.witnesses().size());
  }
}
