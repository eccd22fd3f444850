package dev.compact.agreements;

/**
 * The level at which a consultation is held, lowest first, so that a meeting satisfies a duty when
 * its level is at least the duty's. "At the most senior levels" (the US and G7-formula texts) is
 * {@link #LEADERS}: heads of state or government.
 */
public enum MeetingLevel {
  OFFICIALS("officials"),
  SENIOR_OFFICIALS("senior officials"),
  MINISTERIAL("ministers"),
  LEADERS("heads of state or government");

  private final String who;

  MeetingLevel(String who) {
    this.who = who;
  }

  /** Who meets at this level, for rendering: "heads of state or government". */
  public String who() {
    return who;
  }

  public boolean satisfies(MeetingLevel required) {
    return compareTo(required) >= 0;
  }
}
