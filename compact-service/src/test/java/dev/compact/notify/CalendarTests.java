package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarTests {
  static final Instant STAMP = Instant.parse("2026-03-01T06:00:00Z");

  @Test
  void writesOneEventPerDeadlineInUtc() {
    String feed = Calendar.feed("GBR deadlines", STAMP, List.of(new Calendar.Entry("gbr-consult@c1", Instant.parse("2026-03-02T06:00:00Z"),
        "Consult Ukraine", "Within 24 hours of the request", "http://localhost/obligations")), false);

    assertThat(feed).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n");
    assertThat(feed).contains("UID:gbr-consult@c1\r\n", "DTSTART:20260302T060000Z\r\n", "SUMMARY:Consult Ukraine\r\n");
  }

  /** Audit 5's C7: a demonstration's invented deadlines sat in a subscriber's calendar like real ones. */
  @Test
  void marksADemonstrationFeedInItsNameAndEveryEntry() {
    List<Calendar.Entry> entries = List.of(new Calendar.Entry("m1@c1", STAMP, "GBR: deliver missiles", "Norm m1", ""),
        new Calendar.Entry("m2@c1", STAMP, "GBR: consult", "Norm m2", ""));

    String demonstration = Calendar.feed("Compact deadlines of GBR", STAMP, entries, true);
    String real = Calendar.feed("Compact deadlines of GBR", STAMP, entries, false);

    assertThat(demonstration).contains("X-WR-CALNAME:[Demonstration\\, invented facts] Compact deadlines of GBR\r\n",
        "SUMMARY:[Demonstration\\, invented facts] GBR: deliver missiles\r\n", "SUMMARY:[Demonstration\\, invented facts] GBR: consult\r\n");
    assertThat(demonstration.split("SUMMARY:\\[Demonstration", -1)).hasSize(3);
    assertThat(real).doesNotContain("Demonstration").contains("SUMMARY:GBR: deliver missiles\r\n");
  }

  @Test
  void escapesSeparatorsInText() {
    String feed = Calendar.feed("x", STAMP, List.of(new Calendar.Entry("u", STAMP, "a, b; c\\d", "line1\nline2", "")), false);

    assertThat(feed).contains("SUMMARY:a\\, b\\; c\\\\d\r\n", "DESCRIPTION:line1\\nline2\r\n");
  }

  /** Issue #14: a lone CR in a measure's action reached the public feed raw (a calendar injection). */
  @Test
  void escapesEveryKindOfLineBreakAndDropsOtherControlCharacters() {
    String feed = Calendar.feed("x", STAMP, List.of(new Calendar.Entry("u", STAMP, "a\rEND:VEVENT\r\nb\nc\u0000d", "e\r\rf", "")), false);

    assertThat(feed).contains("SUMMARY:a\\nEND:VEVENT\\nb\\ncd\r\n", "DESCRIPTION:e\\n\\nf\r\n");
    assertThat(feed.replace("\r\n", "")).doesNotContain("\r", "\n");
  }

  @Test
  void foldsLongLinesAt75OctetsWithoutSplittingCharacters() {
    String summary = "Україна ".repeat(20);

    String feed = Calendar.feed("x", STAMP, List.of(new Calendar.Entry("u", STAMP, summary, "", "")), false);

    for (String line : feed.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
    }
    String unfolded = feed.replace("\r\n ", "");
    assertThat(unfolded).contains("SUMMARY:" + Calendar.escape(summary) + "\r\n");
  }
}
