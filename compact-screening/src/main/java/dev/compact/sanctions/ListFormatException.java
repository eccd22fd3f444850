package dev.compact.sanctions;

/**
 * A list file that cannot be read as the format it claims to be; nothing of it has been loaded.
 *
 * <p>The message is written for the person who supplied the file: it starts with the file name
 * and line ("sdn.csv:123: ...") and says what was expected.
 */
public final class ListFormatException extends RuntimeException {

  private final String file;
  private final long line;
  private final String problem;

  /**
   * @param file the file name as the user knows it
   * @param line the 1-based line, or 0 when the problem concerns the whole file
   * @param problem what is wrong, without the location
   */
  public ListFormatException(String file, long line, String problem) {
    this(file, line, problem, null);
  }

  public ListFormatException(String file, long line, String problem, Throwable cause) {
    super((line > 0 ? file + ":" + line : file) + ": " + problem, cause);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  /** The 1-based line of the problem, or 0 when it concerns the whole file. */
  public long line() {
    return line;
  }

  public String problem() {
    return problem;
  }
}
