package dev.compact.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeanUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API's routes refuse query parameters they do not take. Spring MVC ignores them, so a misspelt filter
 * name ({@code /api/obligations?agreemnt=usa-ukr-2024&state=breached}) answered 200 with every breach of
 * every agreement, which a client reads as the US agreement's breaches: the same silent wrong answer that
 * request bodies no longer give for an unknown field. The parameters a route takes are read from its
 * handler method, so a new filter needs no second list here.
 */
@Configuration(proxyBeanMethods = false)
class StrictQuery implements WebMvcConfigurer {
  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new Check()).addPathPatterns("/api/**");
  }

  static final class Check implements HandlerInterceptor {
    /** Per handler method, the query parameters it takes; empty when it binds parameters this check cannot name. */
    private final Map<Method, Optional<Set<String>>> taken = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
      if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getPackageName().startsWith("dev.compact.")) {
        return true;
      }
      Optional<Set<String>> names = taken.computeIfAbsent(method.getMethod(), m -> parameters(method));
      if (names.isEmpty() || request.getQueryString() == null) {
        return true;
      }
      for (String pair : request.getQueryString().split("&")) {
        String name = name(pair);
        if (!name.isEmpty() && !names.get().contains(name)) {
          Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
          throw new IllegalArgumentException(JsonProblems.unknownField(name, name, names.get(),
              "the query of " + request.getMethod() + " " + (pattern != null ? pattern : "this route")));
        }
      }
      return true;
    }

    /** The decoded name of one {@code name=value} of the query (a form's body is not the query, and is not checked). */
    private static String name(String pair) {
      int equals = pair.indexOf('=');
      try {
        return URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the query is not URL-encoded: a '%' must be followed by two hexadecimal digits");
      }
    }

    /**
     * The names a handler binds from the query: its {@code @RequestParam}s and, as Spring MVC does, its simple
     * parameters with no binding annotation. A parameter that takes them all (a map) or binds an object from
     * them makes the method's query open: nothing is refused for it.
     */
    private static Optional<Set<String>> parameters(HandlerMethod method) {
      Set<String> names = new TreeSet<>();
      for (MethodParameter parameter : method.getMethodParameters()) {
        parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
        Class<?> type = parameter.getParameterType();
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null) {
          String name = !param.name().isEmpty() ? param.name() : parameter.getParameterName();
          if (Map.class.isAssignableFrom(type) || name == null) {
            return Optional.empty();
          }
          names.add(name);
        } else if (!bound(parameter)) {
          if (infrastructure(type)) {
            continue;
          }
          if (BeanUtils.isSimpleProperty(type)) {
            if (parameter.getParameterName() == null) {
              return Optional.empty();
            }
            names.add(parameter.getParameterName());
          } else {
            return Optional.empty();
          }
        }
      }
      return Optional.of(Set.copyOf(names));
    }

    /** A parameter bound from something other than the query: the path, a header, the body, a cookie. */
    private static boolean bound(MethodParameter parameter) {
      for (Annotation annotation : parameter.getParameterAnnotations()) {
        if (annotation.annotationType().getPackageName().equals("org.springframework.web.bind.annotation")) {
          return true;
        }
      }
      return false;
    }

    /** Types Spring MVC supplies from the exchange itself, not from the query. */
    private static boolean infrastructure(Class<?> type) {
      String name = type.getName();
      return name.startsWith("jakarta.servlet.") || name.startsWith("org.springframework.") || name.startsWith("java.security.")
          || type == java.util.Locale.class || type == java.io.InputStream.class || type == java.io.OutputStream.class
          || type == java.io.Reader.class || type == java.io.Writer.class;
    }
  }
}
