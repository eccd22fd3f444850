package dev.compact.agreements;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.compiler.CelCompiler;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Type-checks conditions one at a time in one CEL checker environment, kept from one condition to
 * the next. cel-java (0.14, the newest release) builds the checker's environment anew for every
 * expression it checks: every declared variable and every overload of every function, each new
 * overload tested for overlap against the others. That costs several times the check of a short
 * condition (about 100 µs against 15 µs for parsing and checking one, warm), and the public API
 * offers no way to keep it. So this class calls the two pieces that {@code CelCheckerLegacyImpl.check}
 * itself calls, its private {@code getEnv} and the public (internal) {@code ExprChecker.typecheck},
 * in the same way, but builds the environment once.
 *
 * <p>Why sharing is safe: {@code typecheck} clears the environment's type and reference maps before
 * it starts, leaves its scopes as it found them, and adds to it only the declarations of type names it
 * resolved through the type provider, which every later check would resolve the same way. What cannot
 * be shared is the error list, which belongs to the text checked; so a condition for which the checker
 * reports anything, or throws, is not answered here: the environment is dropped (the next condition
 * gets a fresh one) and the caller compiles the condition through the public API, whose diagnostics
 * are the reference. A checked tree from here is therefore the tree the public API gives, which the
 * tests compare over every example condition and a set of broken ones.
 *
 * <p>It relies on cel-java's internals by name: if a later version moves them, {@link #available}
 * turns false (a test fails, so the upgrade is noticed) and every condition is compiled through the
 * public API, correct but slower. The environment is not thread-safe, so checks take turns.
 */
final class SharedCheckerEnvironment {

  /** The internals for {@link ConditionCompiler}'s compiler, or empty when this cel-java lacks them. */
  private final Optional<Internals> internals;

  private final CelCompiler compiler;

  /** The environment and the error list it reports to; null until first needed and after a problem. */
  private @Nullable Object environment;

  private @Nullable Object errors;

  SharedCheckerEnvironment(CelCompiler compiler) {
    this.compiler = compiler;
    this.internals = Internals.of(compiler);
  }

  /** True when cel-java's internals were found, so that environments are really shared. */
  boolean available() {
    return internals.isPresent();
  }

  /**
   * The checked tree of {@code source}, as the compiler's own {@code compile} gives it; empty when
   * the text does not parse or check cleanly (or the internals are missing): compile it through the
   * public API then, for its diagnostics.
   */
  synchronized Optional<CelAbstractSyntaxTree> check(String source) {
    if (internals.isEmpty()) {
      return Optional.empty();
    }
    Internals cel = internals.get();
    CelValidationResult parsed = compiler.parse(source);
    if (parsed.hasError()) {
      return Optional.empty();
    }
    try {
      CelAbstractSyntaxTree ast = parsed.getAst();
      if (environment == null || errors == null) {
        Object fresh = cel.newErrors.invoke("", "");
        environment = cel.getEnv.invoke(fresh);
        errors = fresh;
        if ((int) cel.errorCount.invoke(fresh) > 0) {
          return dropped();
        }
      }
      CelAbstractSyntaxTree checked = (CelAbstractSyntaxTree) cel.typecheck.invoke(environment, cel.container, ast, cel.resultType);
      return (int) cel.errorCount.invoke(errors) == 0 ? Optional.of(checked) : dropped();
    } catch (RuntimeException e) {
      // Whatever went wrong inside the checker, the public API will report it for this text.
      return dropped();
    } catch (Error e) {
      dropped();
      throw e;
    } catch (Throwable e) {
      return dropped(); // a checked exception: the handles declare them, the checker throws none
    }
  }

  private Optional<CelAbstractSyntaxTree> dropped() {
    environment = null;
    errors = null;
    return Optional.empty();
  }

  /** Handles on the checker's internals, bound to one compiler's checker and its settings. */
  private record Internals(MethodHandle newErrors, MethodHandle getEnv, MethodHandle errorCount, MethodHandle typecheck,
      Object container, Object resultType) {

    static Optional<Internals> of(CelCompiler compiler) {
      try {
        Field checkerField = compiler.getClass().getDeclaredField("checker");
        checkerField.setAccessible(true);
        Object checker = checkerField.get(compiler);
        Class<?> checkerClass = checker.getClass();
        if (!checkerClass.getName().equals("dev.cel.checker.CelCheckerLegacyImpl")) {
          return Optional.empty();
        }
        ClassLoader loader = checkerClass.getClassLoader();
        Class<?> errorsClass = Class.forName("dev.cel.common.internal.Errors", false, loader);
        Class<?> envClass = Class.forName("dev.cel.checker.Env", false, loader);
        Class<?> exprChecker = Class.forName("dev.cel.checker.ExprChecker", false, loader);
        Class<?> containerClass = Class.forName("dev.cel.common.CelContainer", false, loader);
        Class<?> guavaOptional = Class.forName("com.google.common.base.Optional", false, loader);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Method getEnv = checkerClass.getDeclaredMethod("getEnv", errorsClass);
        getEnv.setAccessible(true);
        Field container = checkerClass.getDeclaredField("container");
        container.setAccessible(true);
        Field resultType = checkerClass.getDeclaredField("expectedResultType");
        resultType.setAccessible(true);
        MethodHandle typecheck = lookup.findStatic(exprChecker, "typecheck",
            MethodType.methodType(CelAbstractSyntaxTree.class, envClass, containerClass, CelAbstractSyntaxTree.class, guavaOptional));
        return Optional.of(new Internals(
            lookup.findConstructor(errorsClass, MethodType.methodType(void.class, String.class, String.class)),
            lookup.unreflect(getEnv).bindTo(checker),
            lookup.findVirtual(errorsClass, "getErrorCount", MethodType.methodType(int.class)),
            typecheck,
            container.get(checker),
            resultType.get(checker)));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return Optional.empty();
      }
    }
  }
}
