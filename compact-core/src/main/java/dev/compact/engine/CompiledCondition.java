package dev.compact.engine;

import dev.cel.common.CelOptions;
import dev.cel.common.ast.CelReference;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.compact.agreements.Condition;
import dev.compact.agreements.ConditionCompiler;
import dev.compact.agreements.ConditionVariable;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A condition turned into a CEL program once, with the variables it reads. The variables tell the
 * engine which events can change the condition's value, so no other event evaluates it.
 */
record CompiledCondition(String source, CelRuntime.Program program, Set<ConditionVariable> variables) {

  boolean reads(ConditionVariable variable) {
    return variables.contains(variable);
  }

  boolean readsAnyOf(Set<ConditionVariable> candidates) {
    for (ConditionVariable candidate : candidates) {
      if (variables.contains(candidate)) {
        return true;
      }
    }
    return false;
  }

  boolean eval(Facts facts) throws CelEvaluationException {
    return Boolean.TRUE.equals(program.eval(facts));
  }

  /** Compiles each distinct condition text once per engine. */
  static final class Cache {
    // The planner refuses to run without heterogeneous numeric comparisons; the checker never lets
    // a mixed comparison through, so turning it on changes nothing a condition can express.
    private static final CelOptions OPTIONS =
        ConditionCompiler.options().toBuilder().enableHeterogeneousNumericComparisons(true).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.plannerRuntimeBuilder().setOptions(OPTIONS).build();

    private final Map<String, CompiledCondition> bySource = new HashMap<>();

    CompiledCondition compile(Condition condition) {
      return bySource.computeIfAbsent(condition.source(), source -> {
        try {
          Set<ConditionVariable> variables = EnumSet.noneOf(ConditionVariable.class);
          for (CelReference reference : condition.ast().getReferenceMap().values()) {
            for (ConditionVariable variable : ConditionVariable.values()) {
              if (variable.celName().equals(reference.name())) {
                variables.add(variable);
              }
            }
          }
          return new CompiledCondition(source, RUNTIME.createProgram(condition.ast()), variables);
        } catch (dev.cel.common.CelException e) {
          throw new IllegalStateException("a type-checked condition failed to plan: " + source, e);
        }
      });
    }
  }
}
