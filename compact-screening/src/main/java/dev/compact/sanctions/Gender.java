package dev.compact.sanctions;

/** Gender as the lists publish it; absent when the source does not say. */
public enum Gender {
  MALE,
  FEMALE
}
