package dev.compact.scenarios;

import dev.compact.agreements.Diagnostic;
import java.util.List;
import java.util.Map;

/** Test reports: the readable text for people and JUnit XML for CI. */
public final class ScenarioReport {
  private ScenarioReport() {}

  /** One block per scenario: PASS or FAIL, and on failure expected versus actual and the chain of causes. */
  public static String text(ScenarioRunner.Result result) {
    StringBuilder out = new StringBuilder();
    Scenario scenario = result.scenario();
    out.append(result.passed() ? "PASS  " : "FAIL  ").append(scenario.name()).append("  (").append(scenario.path()).append(")\n");
    for (Diagnostic problem : result.problems()) {
      out.append(indent(problem.format(), "      ")).append('\n');
    }
    for (ScenarioRunner.Failure failure : result.failures()) {
      out.append("      ").append(scenario.path()).append(':').append(failure.line()).append('\n');
      out.append("        expected: ").append(failure.expected()).append('\n');
      out.append("        actual:   ").append(failure.actual()).append('\n');
      if (!failure.causes().isEmpty()) {
        out.append("        because:\n");
        for (String cause : failure.causes()) {
          out.append("          ").append(cause).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** "N passed, N failed". */
  public static String closing(List<ScenarioRunner.Result> results, int unreadable) {
    long passed = results.stream().filter(ScenarioRunner.Result::passed).count();
    long failed = results.size() - passed + unreadable;
    return passed + " passed, " + failed + " failed";
  }

  /** A JUnit XML report of one suite: each scenario a test case, failures with the same text as on screen. */
  public static String junit(String suite, List<ScenarioRunner.Result> results, Map<String, List<Diagnostic>> unreadable) {
    long failures = results.stream().filter(r -> !r.passed()).count() + unreadable.size();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuite name=\"").append(escape(suite)).append("\" tests=\"").append(results.size() + unreadable.size())
        .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
    for (ScenarioRunner.Result result : results) {
      xml.append("  <testcase classname=\"").append(escape(result.scenario().path())).append("\" name=\"")
          .append(escape(result.scenario().name())).append("\"");
      if (result.passed()) {
        xml.append("/>\n");
      } else {
        String body = text(result);
        xml.append(">\n    <failure message=\"").append(escape(firstProblem(result))).append("\">")
            .append(escape(body)).append("</failure>\n  </testcase>\n");
      }
    }
    for (Map.Entry<String, List<Diagnostic>> file : unreadable.entrySet()) {
      String first = file.getValue().isEmpty() ? "cannot be read" : file.getValue().getFirst().message();
      StringBuilder body = new StringBuilder();
      file.getValue().forEach(d -> body.append(d.format()).append('\n'));
      xml.append("  <testcase classname=\"").append(escape(file.getKey())).append("\" name=\"").append(escape(file.getKey()))
          .append("\">\n    <failure message=\"").append(escape(first)).append("\">").append(escape(body.toString()))
          .append("</failure>\n  </testcase>\n");
    }
    return xml.append("</testsuite>\n").toString();
  }

  private static String firstProblem(ScenarioRunner.Result result) {
    if (!result.failures().isEmpty()) {
      ScenarioRunner.Failure failure = result.failures().getFirst();
      return "expected " + failure.expected() + "; actual " + failure.actual();
    }
    return result.problems().stream().filter(Diagnostic::isError).findFirst().map(Diagnostic::message).orElse("failed");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }
}
