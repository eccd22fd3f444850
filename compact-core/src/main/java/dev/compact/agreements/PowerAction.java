package dev.compact.agreements;

/** What a power allows its holder to do. */
public enum PowerAction {
  REQUEST_CONSULTATIONS,
  TERMINATE,
  SUSPEND,
  EXTEND,
  INVOKE_SNAPBACK
}
