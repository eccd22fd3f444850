package dev.compact.sanctions;

/** The role of one part of a structured name. */
public enum NamePartType {
  TITLE,
  GIVEN,
  MIDDLE,
  /** Father's name: a patronymic (Russian "Yurievich") or an Arabic nasab part. */
  PATRONYMIC,
  FAMILY,
  /** A part whose role the source does not state, such as the UN's THIRD_NAME. */
  OTHER
}
