package dev.compact.engine;

/** What a {@link Timer} does when it fires. */
enum TimerKind {
  DUE,
  PERIOD_START,
  PERIOD_END,
  TERM_END,
  NOTICE_EFFECTIVE,
  IN_FORCE
}
