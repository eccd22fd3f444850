package dev.compact.engine;

/** Where an agreement stands in a fold: the engine's view, not the text's lifecycle. */
enum AgreementStatus {
  NOT_IN_FORCE("not in force"),
  IN_FORCE("in force"),
  SUSPENDED("suspended"),
  ENDED("ended");

  final String text;

  AgreementStatus(String text) {
    this.text = text;
  }
}
