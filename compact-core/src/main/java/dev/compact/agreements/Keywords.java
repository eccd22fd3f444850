package dev.compact.agreements;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Maps enum constants to the kebab-case keywords a drafter writes ({@code IN_FORCE} is
 * {@code in-force}), so that the file format and the Java model never need a second table.
 */
public final class Keywords {
  private Keywords() {}

  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The keyword with its indefinite article: "an obligation", "a power". */
  public static String article(Enum<?> constant) {
    String keyword = of(constant);
    return ("aeiou".indexOf(keyword.charAt(0)) >= 0 ? "an " : "a ") + keyword;
  }

  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String keyword) {
    for (E constant : type.getEnumConstants()) {
      if (of(constant).equals(keyword)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }

  /** The accepted keywords, for hints: "legal, political or both". */
  public static String choices(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Keywords::of).collect(Collectors.joining(", "));
  }
}
