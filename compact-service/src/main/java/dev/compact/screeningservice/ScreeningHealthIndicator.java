package dev.compact.screeningservice;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code screening} health contributor, part of the readiness group: OUT_OF_SERVICE while the
 * service builds its screening index and warms the matcher at start-up, so that a load balancer
 * sends no traffic before the first requests can be answered at full speed; DOWN if that failed.
 * With preloading off there is nothing to wait for and it is UP.
 */
@Component
class ScreeningHealthIndicator implements HealthIndicator {
  private final ScreeningService screening;
  private final CompletableFuture<Void> warm;

  ScreeningHealthIndicator(ScreeningService screening) {
    this.screening = screening;
    this.warm = screening.whenWarm();
  }

  @Override
  public Health health() {
    if (!screening.preloads()) {
      return Health.up().withDetail("index", "built on the first screening").build();
    }
    if (!warm.isDone()) {
      return Health.outOfService().withDetail("index", "building the index and warming the matcher up").build();
    }
    try {
      warm.get();
      return Health.up().withDetail("index", "built and warm").build();
    } catch (ExecutionException e) {
      return Health.down().withDetail("index", "the start-up build failed: " + e.getCause()).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.unknown().build();
    }
  }
}
