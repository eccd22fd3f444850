package dev.compact.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatTests {
  private static final Instant NOW = Instant.parse("2026-03-01T06:00:00Z");

  @Test
  void countsDownInDaysThenHoursThenMinutes() {
    assertThat(Format.countdown(NOW, Instant.parse("2026-03-02T06:00:00Z"))).isEqualTo("in 1 d 0 h");
    assertThat(Format.countdown(NOW, Instant.parse("2026-03-02T01:00:00Z"))).isEqualTo("in 19 h 0 min");
    assertThat(Format.countdown(NOW, Instant.parse("2026-03-01T06:05:30Z"))).isEqualTo("in 5 min 30 s");
  }

  @Test
  void saysHowLongADeadlineIsOverdue() {
    assertThat(Format.countdown(NOW, Instant.parse("2026-03-01T04:30:00Z"))).isEqualTo("overdue by 1 h 30 min");
  }

  @Test
  void quotesEveryCsvCellAndDefusesFormulas() {
    assertThat(Ledger.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Ledger.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(Ledger.cell("-12.5")).isEqualTo("\"-12.5\"");
    assertThat(Ledger.cell("\t=1+1")).isEqualTo("\"'\t=1+1\"");
    assertThat(Ledger.cell("\r=1+1")).isEqualTo("\"'\r=1+1\"");
  }

  @org.junit.jupiter.api.Test
  void redirectsAfterSignInOrMovingTheClockStayOnThisSite() {
    assertThat(dev.compact.access.DashboardSessions.local("/incidents/i1")).isEqualTo("/incidents/i1");
    assertThat(dev.compact.access.DashboardSessions.local("//evil.example")).isEqualTo("/");
    assertThat(dev.compact.access.DashboardSessions.local("/\\evil.example")).isEqualTo("/");
    assertThat(dev.compact.access.DashboardSessions.local("https://evil.example")).isEqualTo("/");
    // Audit round 4, B10: a CR or LF made the redirect after signing in a 500 with a stack trace.
    assertThat(dev.compact.access.DashboardSessions.local("/\r\nX-Injected: 1")).isEqualTo("/");
    assertThat(dev.compact.access.DashboardSessions.local("/\t/evil.example")).isEqualTo("/");
    assertThat(dev.compact.access.DashboardSessions.local("/incidents?view=open&page=2")).isEqualTo("/incidents?view=open&page=2");
  }
}
