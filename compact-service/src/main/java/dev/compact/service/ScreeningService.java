package dev.compact.service;

import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The screening engine over the lists configured for the compact (for now the bundled OFAC 2021
 * and UN snapshots). The index is built on the first screening, so a service that never screens
 * pays nothing for it; afterwards it is shared, immutable and thread-safe.
 */
@Component
public class ScreeningService {
  private volatile Screener screener;
  private volatile List<SanctionsList> lists;

  public Screener screener() {
    Screener s = screener;
    if (s == null) {
      synchronized (this) {
        if (screener == null) {
          lists = ListLoader.bundled();
          screener = new Screener(ScreeningIndex.build(lists));
        }
        s = screener;
      }
    }
    return s;
  }

  public List<SanctionsList> lists() {
    screener();
    return lists;
  }
}
