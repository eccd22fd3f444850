package dev.compact.watchlist;

import dev.compact.notify.Webhooks;
import dev.compact.sanctionsregister.ListIndexes;
import dev.compact.sanctionsregister.ListVersions;
import dev.compact.screeningservice.ScreeningService;
import dev.compact.service.RecordService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The watchlists as a bean, re-screened in the background whenever a list version lands. */
@Configuration
class WatchlistConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(WatchlistConfiguration.class);

  @Bean
  Watchlists watchlists(RecordService record, Clock clock, ListVersions versions, ListIndexes indexes, ScreeningService screening,
      Webhooks webhooks) {
    // New counterparties are screened against exactly the versions in force today (built now if the warm
    // index is still being swapped), or the bundled lists while the record holds none.
    Watchlists watchlists = new Watchlists(record.database(), clock, versions, () -> versions.all().isEmpty()
        ? screening.screener() : indexes.asOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).screener());
    // Each new alert goes to its own account's webhooks only, through the same durable deliveries as transitions.
    watchlists.onAlertInTransaction((connection, alert) -> webhooks.enqueueForAccount(connection, alert.account(), "watchlist-alert",
        "alert", WatchlistAlerts.view(alert)));
    watchlists.onAlerts(alerts -> webhooks.wake());
    versions.onRecorded(version -> Thread.ofPlatform().name("watchlist-rescreen").daemon().start(() -> {
      try {
        Watchlists.Rescreen done = watchlists.rescreen(version);
        LOG.info("re-screened {} of {} counterparties (those the counterparty index found) against {} new or changed designations"
            + " of {} {}: {} alerts in {} ms", done.counterparties(), done.book(), done.designations(), version.source(), version.shortHash(),
            done.alerts().size(), done.millis());
      } catch (RuntimeException e) {
        LOG.warn("re-screening the watchlists against {} {} failed: {}", version.source(), version.shortHash(), e.toString());
      }
    }));
    // The counterparty index is built once from the database, in the background, rather than by the first re-screen.
    Thread.ofPlatform().name("watchlist-index").daemon().start(() -> {
      try {
        watchlists.warm();
      } catch (RuntimeException e) {
        LOG.warn("cannot build the counterparty index now; the next re-screen will: {}", e.toString());
      }
    });
    return watchlists;
  }
}
