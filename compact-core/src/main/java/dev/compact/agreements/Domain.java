package dev.compact.agreements;

/** The field a norm belongs to: the Kyiv Compact's five preventive domains plus three more. */
public enum Domain {
  MILITARY,
  FINANCIAL,
  INFRASTRUCTURE,
  TECHNICAL,
  INFORMATION,
  HUMANITARIAN,
  REFORM,
  ACCOUNTABILITY
}
