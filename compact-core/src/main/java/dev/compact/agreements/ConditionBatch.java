package dev.compact.agreements;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSource;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Type-checks many conditions in one pass of CEL's checker. The checker builds its type environment
 * (every declared variable and every overload of every function) anew for each expression it checks,
 * which costs more than checking a short condition; checking a compact's conditions as the elements
 * of list expressions of {@link #LIST_SIZE} pays for that environment once per list.
 *
 * <p>Each condition is still parsed on its own, and a checked tree is handed out only when the list
 * checked without a single problem and the element's type is exactly {@code bool}: then its tree is
 * the one checking it alone gives (same nodes, ids, references and types). Anything else (a syntax
 * error, a type error, a condition whose type is not plainly {@code bool}, a comprehension or a
 * literal map) is left to {@link ConditionCompiler#compile}, one by one, so that every problem is
 * reported exactly as before. A list with a problem is halved until the problem is isolated.
 */
final class ConditionBatch {

  /**
   * Conditions per list. The checker's type inference copies its substitutions (which grow with
   * every overload it instantiates) at each assignability test, so one list of a thousand conditions
   * costs more than checking them alone; lists of 8 to 32 cost about a quarter of that.
   */
  static final int LIST_SIZE = 16;

  private ConditionBatch() {}

  /** A condition parsed on its own, its ids shifted to follow those of the conditions before it. */
  private record Parsed(String source, CelAbstractSyntaxTree ast, long offset, long maxId) {}

  /**
   * Checks the distinct {@code sources} together and gives the checked tree of every one that
   * checked cleanly; those missing from the answer are for the caller to compile alone.
   */
  static Map<String, CelAbstractSyntaxTree> check(CelCompiler parser, CelCompiler listChecker, List<String> sources) {
    List<Parsed> parsed = new ArrayList<>();
    long offset = 0;
    for (String source : sources) {
      CelValidationResult result = parser.parse(source);
      if (result.hasError()) {
        continue;
      }
      CelAbstractSyntaxTree ast;
      try {
        ast = result.getAst();
      } catch (dev.cel.common.CelValidationException e) {
        continue;
      }
      long maxId = maxId(ast.getExpr());
      if (maxId < 0) {
        continue; // a node kind the batch does not renumber: compile it alone
      }
      parsed.add(new Parsed(source, ast, offset, maxId));
      offset += maxId;
    }
    Map<String, CelAbstractSyntaxTree> checked = new LinkedHashMap<>();
    for (int from = 0; from < parsed.size(); from += LIST_SIZE) {
      checkList(listChecker, parsed.subList(from, Math.min(parsed.size(), from + LIST_SIZE)), checked);
    }
    return checked;
  }

  private static void checkList(CelCompiler listChecker, List<Parsed> parsed, Map<String, CelAbstractSyntaxTree> checked) {
    if (parsed.isEmpty()) {
      return;
    }
    ImmutableList.Builder<CelExpr> elements = ImmutableList.builder();
    long last = 0;
    for (Parsed p : parsed) {
      elements.add(shift(p.ast().getExpr(), p.offset()));
      last = p.offset() + p.maxId();
    }
    CelExpr list = CelExpr.ofList(last + 1, elements.build(), ImmutableList.of());
    CelValidationResult result = listChecker.check(CelAbstractSyntaxTree.newParsedAst(list, CelSource.newBuilder("").build()));
    if (result.hasError()) {
      if (parsed.size() > 1) {
        int half = parsed.size() / 2;
        checkList(listChecker, parsed.subList(0, half), checked);
        checkList(listChecker, parsed.subList(half, parsed.size()), checked);
      }
      return;
    }
    CelAbstractSyntaxTree all;
    try {
      all = result.getAst();
    } catch (dev.cel.common.CelValidationException e) {
      return;
    }
    List<CelExpr> checkedElements = all.getExpr().list().elements();
    for (int i = 0; i < parsed.size(); i++) {
      Parsed p = parsed.get(i);
      CelExpr element = checkedElements.get(i);
      if (!SimpleType.BOOL.equals(all.getTypeMap().get(element.id()))) {
        continue; // dyn or another type: checking it alone decides whether a condition may have it
      }
      long from = p.offset();
      long to = p.offset() + p.maxId();
      Map<Long, CelReference> references = new HashMap<>();
      all.getReferenceMap().forEach((id, reference) -> {
        if (id > from && id <= to) {
          references.put(id - from, reference);
        }
      });
      Map<Long, CelType> types = new HashMap<>();
      all.getTypeMap().forEach((id, type) -> {
        if (id > from && id <= to) {
          types.put(id - from, type);
        }
      });
      checked.put(p.source(), CelAbstractSyntaxTree.newCheckedAst(shift(element, -from), p.ast().getSource(), references, types));
    }
  }

  /** The largest node id in the tree, or -1 if it holds a node kind that {@link #shift} does not copy. */
  private static long maxId(CelExpr expr) {
    long max = expr.id();
    List<CelExpr> children = switch (expr.getKind()) {
      case CONSTANT, IDENT -> List.of();
      case SELECT -> List.of(expr.select().operand());
      case CALL -> {
        List<CelExpr> all = new ArrayList<>(expr.call().args());
        expr.call().target().ifPresent(all::add);
        yield all;
      }
      case LIST -> expr.list().optionalIndices().isEmpty() ? expr.list().elements() : null;
      default -> null;
    };
    if (children == null) {
      return -1;
    }
    for (CelExpr child : children) {
      long childMax = maxId(child);
      if (childMax < 0) {
        return -1;
      }
      max = Math.max(max, childMax);
    }
    return max;
  }

  /** A copy of the tree with every node id moved by {@code delta}; only the kinds {@link #maxId} accepts. */
  private static CelExpr shift(CelExpr expr, long delta) {
    long id = expr.id() + delta;
    return switch (expr.getKind()) {
      case CONSTANT -> CelExpr.ofConstant(id, expr.constant());
      case IDENT -> CelExpr.ofIdent(id, expr.ident().name());
      case SELECT -> CelExpr.ofSelect(id, shift(expr.select().operand(), delta), expr.select().field(), expr.select().testOnly());
      case CALL -> CelExpr.ofCall(id, expr.call().target().map(t -> shift(t, delta)), expr.call().function(),
          shiftAll(expr.call().args(), delta));
      case LIST -> CelExpr.ofList(id, shiftAll(expr.list().elements(), delta), ImmutableList.of());
      default -> throw new IllegalStateException("not renumbered: " + expr.getKind());
    };
  }

  private static ImmutableList<CelExpr> shiftAll(List<CelExpr> exprs, long delta) {
    ImmutableList.Builder<CelExpr> out = ImmutableList.builderWithExpectedSize(exprs.size());
    for (CelExpr e : exprs) {
      out.add(shift(e, delta));
    }
    return out.build();
  }

}
