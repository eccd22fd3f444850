package dev.compact.agreements;

import dev.cel.checker.CelStandardDeclarations;
import dev.cel.checker.CelStandardDeclarations.StandardFunction;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles and type-checks conditions against the declared {@link ConditionVariable}s. Limits on size
 * and nesting keep a hostile or careless agreement from costing more than a glance to evaluate.
 */
public final class ConditionCompiler {

  /** Longest condition accepted, in characters. */
  public static final int MAX_LENGTH = 1_000;

  /** Deepest nesting accepted by the parser. */
  public static final int MAX_DEPTH = 32;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .maxExpressionCodePointSize(MAX_LENGTH)
          .maxParseRecursionDepth(MAX_DEPTH)
          .comprehensionMaxIterations(1_000)
          .build();

  /** The standard functions conditions may use. */
  static final List<StandardFunction> FUNCTIONS = List.of(
      StandardFunction.LOGICAL_AND, StandardFunction.LOGICAL_OR, StandardFunction.LOGICAL_NOT,
      StandardFunction.NOT_STRICTLY_FALSE, StandardFunction.CONDITIONAL, StandardFunction.IN,
      StandardFunction.EQUALS, StandardFunction.NOT_EQUALS, StandardFunction.LESS, StandardFunction.LESS_EQUALS,
      StandardFunction.GREATER, StandardFunction.GREATER_EQUALS, StandardFunction.ADD, StandardFunction.SUBTRACT,
      StandardFunction.SIZE, StandardFunction.INDEX, StandardFunction.CONTAINS, StandardFunction.STARTS_WITH,
      StandardFunction.ENDS_WITH);

  private static final CelCompiler COMPILER = build();

  /** One checker environment for every condition checked in this run (see {@link SharedCheckerEnvironment}). */
  private static final SharedCheckerEnvironment SHARED = new SharedCheckerEnvironment(COMPILER);

  private ConditionCompiler() {}

  private static CelCompiler build() {
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            // Conditions compare facts; they need logic, comparison, membership and a few string tests.
            // A small library keeps the checker's environment cheap to build for every condition.
            .setStandardEnvironmentEnabled(false)
            .setStandardDeclarations(CelStandardDeclarations.newBuilder().includeFunctions(FUNCTIONS).build())
            .setResultType(SimpleType.BOOL);
    for (ConditionVariable variable : ConditionVariable.values()) {
      builder.addVar(variable.celName(), variable.type());
    }
    return builder.build();
  }

  /** The options the runtime must use too, so that limits agree between check and evaluation. */
  public static CelOptions options() {
    return OPTIONS;
  }

  /** A compiled condition, or the problems found, each with its position inside the expression. */
  public sealed interface Result {
    record Compiled(CelAbstractSyntaxTree ast) implements Result {}

    record Failed(List<Problem> problems) implements Result {}
  }

  /** A problem at a 1-based line and column of the expression text, with a hint when one helps. */
  public record Problem(int line, int column, String message, String hint) {}

  /** What a condition may use, as docs/agreement-format.md lists it: said when a writer reaches for something else. */
  private static final String SUPPORTED = "conditions may use &&, ||, !, ? :, ==, !=, <, <=, >, >=, +, -, in (list membership), [...] (index),"
      + " size(), and for text contains(), startsWith() and endsWith()";
  private static final java.util.regex.Pattern UNDECLARED =
      java.util.regex.Pattern.compile("undeclared reference to '([^']*)'.*");
  private static final java.util.regex.Pattern IDENTIFIER =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");

  /**
   * Most distinct condition texts a run keeps compiled. Agreements of one compact repeat their
   * conditions (every bilateral agreement of the Kyiv compact triggers on the same incident kinds),
   * and the checker's work per text is most of parsing an agreement; the bound keeps a long-running
   * service that reads untrusted agreements from holding every text it ever saw.
   */
  static final int CACHED_TEXTS = 4_096;

  // The results are immutable (a checked tree or problems placed inside the text), so a text
  // compiled once compiles the same way for every later agreement that repeats it.
  private static final java.util.Map<String, Result> COMPILED = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Result> eldest) {
          return size() > CACHED_TEXTS;
        }
      });

  /** Compiles a condition, or returns the result of the same text compiled earlier in this run. */
  public static Result compile(String source) {
    Result cached = COMPILED.get(source);
    if (cached != null) {
      return cached;
    }
    Result result = compileAlone(source);
    COMPILED.put(source, result);
    return result;
  }

  /** Compiles many conditions: {@link #compile} for each distinct text. */
  public static Map<String, Result> compileAll(Collection<String> sources) {
    Map<String, Result> results = new HashMap<>();
    for (String source : sources) {
      results.computeIfAbsent(source, ConditionCompiler::compile);
    }
    return results;
  }

  private static Result withLiterals(CelAbstractSyntaxTree ast) {
    List<Problem> literals = new ArrayList<>();
    checkLiterals(ast, ast.getExpr(), literals);
    return literals.isEmpty() ? new Result.Compiled(ast) : new Result.Failed(List.copyOf(literals));
  }

  /** True when conditions are checked in one shared environment (see {@link SharedCheckerEnvironment}). */
  static boolean sharesEnvironment() {
    return SHARED.available();
  }

  /** The tree the shared environment gives {@code source}, or empty when it leaves the text to the public API. */
  static Optional<CelAbstractSyntaxTree> checkShared(String source) {
    return SHARED.check(source);
  }

  /** Forgets every condition compiled so far in this run, so that a test sees the checker's work and not the cache's. */
  static void forgetCompiled() {
    COMPILED.clear();
  }

  /** Set only by tests, to compare the shared environment's results with the public API's. */
  private static volatile boolean publicApiOnly;

  /** Runs {@code work} with every condition compiled through the public API alone (for tests; not thread-safe). */
  static <T> T publicApiOnly(java.util.function.Supplier<T> work) {
    publicApiOnly = true;
    try {
      return work.get();
    } finally {
      publicApiOnly = false;
    }
  }

  /** Compiles one condition, without the cache: in the shared environment, else through CEL's public API. */
  static Result compileAlone(String source) {
    if (source.codePointCount(0, source.length()) > MAX_LENGTH) {
      return tooLong();
    }
    Optional<CelAbstractSyntaxTree> shared = publicApiOnly ? Optional.empty() : SHARED.check(source);
    return shared.isPresent() ? withLiterals(shared.get()) : compilePublic(source);
  }

  private static Result tooLong() {
    return new Result.Failed(
        List.of(new Problem(1, 1, "condition is longer than " + MAX_LENGTH + " characters", "split it into simpler conditions or clauses")));
  }

  /**
   * Compiles one condition through CEL's public API alone, which builds a checker environment for
   * it: the reference for every result, and the only path that reports problems.
   */
  static Result compilePublic(String source) {
    if (source.codePointCount(0, source.length()) > MAX_LENGTH) {
      return tooLong();
    }
    try {
      return withLiterals(COMPILER.compile(source).getAst());
    } catch (CelValidationException e) {
      List<Problem> problems = new ArrayList<>();
      for (CelIssue issue : e.getErrors()) {
        int line = Math.max(1, issue.getSourceLocation().getLine());
        int column = Math.max(0, issue.getSourceLocation().getColumn()) + 1;
        problems.add(explain(source, line, column, firstLine(issue.getMessage())));
      }
      return new Result.Failed(List.copyOf(problems));
    }
  }

  /**
   * Text values compared with a fact that takes only known values ({@code incident.kind == "armed-atack"})
   * are checked like names: a misspelt kind or party code would make the condition silently never hold.
   */
  private static void checkLiterals(CelAbstractSyntaxTree ast, dev.cel.common.ast.CelExpr expr, List<Problem> problems) {
    switch (expr.getKind()) {
      case CALL -> {
        var call = expr.call();
        String function = call.function();
        if (call.args().size() == 2 && (function.equals("_==_") || function.equals("_!=_") || function.equals("@in"))) {
          Optional<String> left = variable(call.args().get(0));
          Optional<String> right = variable(call.args().get(1));
          if (left.isPresent()) {
            literals(ast, call.args().get(1), left.get(), problems);
          } else if (right.isPresent() && !function.equals("@in")) {
            literals(ast, call.args().get(0), right.get(), problems);
          }
        }
        call.target().ifPresent(t -> checkLiterals(ast, t, problems));
        call.args().forEach(a -> checkLiterals(ast, a, problems));
      }
      case LIST -> expr.list().elements().forEach(e -> checkLiterals(ast, e, problems));
      case SELECT -> checkLiterals(ast, expr.select().operand(), problems);
      default -> { }
    }
  }

  /** The declared variable an expression names, as {@code incident.kind}. */
  private static Optional<String> variable(dev.cel.common.ast.CelExpr expr) {
    return switch (expr.getKind()) {
      case IDENT -> Optional.of(expr.ident().name());
      case SELECT -> variable(expr.select().operand()).map(prefix -> prefix + "." + expr.select().field());
      default -> Optional.empty();
    };
  }

  private static void literals(CelAbstractSyntaxTree ast, dev.cel.common.ast.CelExpr expr, String variable, List<Problem> problems) {
    if (expr.getKind() == dev.cel.common.ast.CelExpr.ExprKind.Kind.LIST) {
      expr.list().elements().forEach(e -> literals(ast, e, variable, problems));
      return;
    }
    if (expr.getKind() != dev.cel.common.ast.CelExpr.ExprKind.Kind.CONSTANT
        || expr.constant().getKind() != dev.cel.common.ast.CelConstant.Kind.STRING_VALUE) {
      return;
    }
    String value = expr.constant().stringValue();
    Optional<String> problem = switch (variable) {
      case "incident.kind" -> ConditionVariable.INCIDENT_KINDS.contains(value) ? Optional.empty()
          : Optional.of("'" + value + "' is not an incident kind");
      case "consultation.requested_by", "incident.attacker", "aggressor" -> PartyCode.isKnown(value) ? Optional.empty()
          : Optional.of("unknown party '" + value + "'");
      case "incident.place" -> Places.isKnown(value) ? Optional.empty() : Optional.of("'" + value + "' is not a known place code");
      default -> Optional.empty();
    };
    if (problem.isEmpty()) {
      return;
    }
    java.util.Collection<String> choices = switch (variable) {
      case "incident.kind" -> ConditionVariable.INCIDENT_KINDS;
      case "incident.place" -> Places.codes();
      default -> PartyCode.allCodes();
    };
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String choice : choices) {
      int distance = editDistance(value, choice);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = choice;
      }
    }
    String hint = best != null && bestDistance <= Math.max(2, value.length() / 4) ? "did you mean \"" + best + "\"?"
        : variable.equals("incident.kind") ? "incident kinds are " + String.join(", ", ConditionVariable.INCIDENT_KINDS)
        : variable.equals("incident.place") ? "use an ISO 3166-1 alpha-3 code (GBR) or a Ukrainian ISO 3166-2 code (UA-43)"
        : "use an ISO 3166-1 alpha-3 code (GBR, UKR, RUS) or EU, NATO, UN, OSCE, G7, CE";
    int line = 1;
    int column = 1;
    Integer offset = ast.getSource().getPositionsMap().get(expr.id());
    if (offset != null) {
      var location = ast.getSource().getOffsetLocation(offset);
      if (location.isPresent()) {
        line = Math.max(1, location.get().getLine());
        column = Math.max(0, location.get().getColumn()) + 1;
      }
    }
    problems.add(new Problem(line, column, problem.get() + ", so `" + variable + "` can never equal it", hint));
  }

  /** Compiles a condition that is known to be valid, e.g. in tests and generated agreements. */
  public static Condition condition(String source, SourcePosition position) {
    return switch (compile(source)) {
      case Result.Compiled(CelAbstractSyntaxTree ast) -> new Condition(source, position, ast);
      case Result.Failed(List<Problem> problems) ->
          throw new IllegalArgumentException("invalid condition '" + source + "': " + problems);
    };
  }

  /** CEL reports "undeclared reference to 'incident'" for incident.kidn; name the whole variable and suggest one. */
  private static Problem explain(String source, int line, int column, String message) {
    var undeclared = UNDECLARED.matcher(message);
    if (undeclared.matches()) {
      // CEL declares operators and functions like variables: `a * b` is a call of `_*_`, which the small
      // library leaves out, and CEL's words for that ("undeclared reference") would send the writer
      // looking for a misspelt variable.
      String declared = undeclared.group(1);
      if (!declared.chars().anyMatch(Character::isLetter) || declared.startsWith("@")) {
        return new Problem(line, column, "the operator '" + declared.replace("_", "").replace("@", "") + "' is not supported in conditions",
            SUPPORTED);
      }
      if (java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])" + java.util.regex.Pattern.quote(declared) + "\\s*\\(").matcher(source).find()) {
        return new Problem(line, column, "the function '" + declared + "()' is not supported in conditions", SUPPORTED);
      }
      String name = identifierAt(source, line, column).orElse(declared);
      return new Problem(line, column, "unknown variable '" + name + "'", suggestion(name));
    }
    if (message.contains("expected type 'bool'") || message.contains("expected type bool")) {
      return new Problem(line, column, message, "a condition must be true or false, e.g. incident.severity >= 3");
    }
    return new Problem(line, column, message, "see the CEL section of docs/agreement-format.md");
  }

  private static java.util.Optional<String> identifierAt(String source, int line, int column) {
    String[] lines = source.split("\n", -1);
    if (line > lines.length) {
      return java.util.Optional.empty();
    }
    var matcher = IDENTIFIER.matcher(lines[line - 1]);
    while (matcher.find()) {
      if (matcher.start() <= column - 1 && column - 1 < Math.max(matcher.end(), matcher.start() + 1)) {
        return java.util.Optional.of(matcher.group());
      }
    }
    return java.util.Optional.empty();
  }

  private static String suggestion(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (ConditionVariable variable : ConditionVariable.values()) {
      int distance = editDistance(name, variable.celName());
      if (distance < bestDistance) {
        bestDistance = distance;
        best = variable.celName();
      }
    }
    if (best != null && bestDistance <= Math.max(2, name.length() / 4)) {
      return "did you mean '" + best + "'?";
    }
    return "conditions may use: " + java.util.Arrays.stream(ConditionVariable.values())
        .map(ConditionVariable::celName).collect(java.util.stream.Collectors.joining(", "));
  }

  /** Levenshtein distance, for "did you mean" hints on short names only. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
