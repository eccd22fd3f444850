package dev.compact.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes an iCalendar (RFC 5545) feed: one VEVENT per deadline, in UTC, with the text escaped and
 * long lines folded at 75 octets, so that any calendar program can subscribe to it.
 */
public final class Calendar {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** What a demonstration record's feed puts before its name and every summary. */
  static final String DEMONSTRATION = "[Demonstration, invented facts] ";

  private Calendar() {}

  /** One deadline: a stable uid (so updates replace the entry), when, and what. */
  public record Entry(String uid, Instant at, String summary, String description, String url) {}

  /**
   * The feed of these entries. A demonstration record's feed says so in its name and in every entry's
   * summary: a calendar program shows neither the answer's headers nor the dashboard's banner, so an
   * invented deadline would otherwise sit in a subscriber's calendar beside the real ones.
   */
  public static String feed(String name, Instant stamp, List<Entry> entries, boolean demonstration) {
    String mark = demonstration ? DEMONSTRATION : "";
    StringBuilder out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Compact//Deadlines//EN");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    line(out, "X-WR-CALNAME:" + escape(mark + name));
    for (Entry entry : entries) {
      line(out, "BEGIN:VEVENT");
      line(out, "UID:" + escape(entry.uid()));
      line(out, "DTSTAMP:" + UTC.format(stamp));
      line(out, "DTSTART:" + UTC.format(entry.at()));
      line(out, "DTEND:" + UTC.format(entry.at()));
      line(out, "SUMMARY:" + escape(mark + entry.summary()));
      line(out, "DESCRIPTION:" + escape(entry.description()));
      if (entry.url() != null && !entry.url().isEmpty()) {
        line(out, "URL:" + entry.url());
      }
      line(out, "BEGIN:VALARM");
      line(out, "ACTION:DISPLAY");
      line(out, "DESCRIPTION:" + escape(mark + entry.summary()));
      line(out, "TRIGGER:-PT1H");
      line(out, "END:VALARM");
      line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
    return out.toString();
  }

  /**
   * Escapes TEXT (RFC 5545 3.3.11). Every line break, CRLF, a lone LF or a lone CR, becomes {@code \\n}:
   * a raw CR would end the content line in many parsers and let the text inject properties or
   * events. Other control characters, which TEXT does not allow, are dropped.
   */
  static String escape(String text) {
    String escaped = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n");
    return CONTROL.matcher(escaped).replaceAll("");
  }

  private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\x00-\\x08\\x0A-\\x1F\\x7F]");

  /** Appends a content line folded at 75 octets (RFC 5545 3.1), never splitting a UTF-8 sequence. */
  static void line(StringBuilder out, String content) {
    int octets = 0;
    for (int i = 0; i < content.length(); ) {
      int codePoint = content.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > 75) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(codePoint);
      octets += size;
      i += Character.charCount(codePoint);
    }
    out.append("\r\n");
  }
}
