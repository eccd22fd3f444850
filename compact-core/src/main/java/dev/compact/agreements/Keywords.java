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
    return KEYWORDS.get(constant.getDeclaringClass())[constant.ordinal()];
  }

  /** Every constant's keyword, by ordinal, worked out once per enum: files name keywords in every clause. */
  private static final ClassValue<String[]> KEYWORDS = new ClassValue<>() {
    @Override
    protected String[] computeValue(Class<?> type) {
      Object[] constants = type.getEnumConstants();
      String[] keywords = new String[constants.length];
      for (int i = 0; i < constants.length; i++) {
        keywords[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT).replace('_', '-');
      }
      return keywords;
    }
  };

  /** The keyword with its indefinite article: "an obligation", "a power". */
  public static String article(Enum<?> constant) {
    String keyword = of(constant);
    return ("aeiou".indexOf(keyword.charAt(0)) >= 0 ? "an " : "a ") + keyword;
  }

  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String keyword) {
    String[] keywords = KEYWORDS.get(type);
    for (int i = 0; i < keywords.length; i++) {
      if (keywords[i].equals(keyword)) {
        return Optional.of(type.getEnumConstants()[i]);
      }
    }
    return Optional.empty();
  }

  /** The accepted keywords, for hints: "legal, political or both". */
  public static String choices(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Keywords::of).collect(Collectors.joining(", "));
  }
}
