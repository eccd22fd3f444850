package dev.compact.agreements;

/** Whether support is lethal (weapons, ammunition) or not: Japan's export rules allow only non-lethal equipment. */
public enum DeliveryScope {
  LETHAL,
  NON_LETHAL
}
