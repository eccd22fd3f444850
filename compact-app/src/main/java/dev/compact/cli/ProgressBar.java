package dev.compact.cli;

import java.io.PrintWriter;

/** A one-line progress bar on the error stream, redrawn at most every whole percent. */
final class ProgressBar {
  private final PrintWriter err;
  private final int total;
  private int done;
  private int shown = -1;

  ProgressBar(PrintWriter err, int total) {
    this.err = err;
    this.total = total;
  }

  void step() {
    done++;
    int percent = total == 0 ? 100 : done * 100 / total;
    if (percent != shown) {
      shown = percent;
      int filled = percent / 4;
      err.printf("\rscreening [%s%s] %3d%% %d/%d", "#".repeat(filled), ".".repeat(25 - filled),
          percent, done, total);
      err.flush();
    }
  }

  void done() {
    err.println();
  }
}
