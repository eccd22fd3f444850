package dev.compact.screening.evaluation;

/** An evaluation file that cannot be read; the message names the file and line. */
public final class EvaluationDataException extends RuntimeException {
  public EvaluationDataException(String message) {
    super(message);
  }
}
