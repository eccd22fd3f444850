package dev.compact.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Refusals written before any handler runs, as RFC 9457 problem documents like the API's own. */
final class Refusals {
  static final String BASE = "https://compact.dev/problems/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Refusals() {}

  static void problem(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
    response.setStatus(status);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"compact\"");
    }
    response.setContentType("application/problem+json");
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", BASE + type);
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    response.getWriter().write(JSON.writeValueAsString(problem));
  }
}
