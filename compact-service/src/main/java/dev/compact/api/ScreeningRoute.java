package dev.compact.api;

import dev.compact.api.ScreeningAnswers.ScreeningAnswer;
import dev.compact.api.ScreeningApiController.Query;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.DispatcherServlet;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/screen} served by a servlet of its own, without Spring MVC's handler lookup,
 * argument resolution, content negotiation and message converters in between: for a request that
 * is a plain JSON query, the servlet reads it and writes the answer with the same Jackson mapper
 * Spring MVC uses, so the bytes are the same. Every other request to the path (another method or
 * content type, an {@code Accept} or {@code Origin} header, a body that does not read as a query,
 * a query with problems) goes on to Spring MVC and the annotated controller, which answer it (the
 * RFC 9457 problems included) exactly as before; the OpenAPI description still comes from that
 * controller. The servlet sits behind the same filters as Spring MVC (Spring Security's screening
 * chain with its headers, the request limits, the request's metrics observation), so who may
 * screen and what a refused request gets do not change. Issue #17: the server's work around the
 * matcher per request was about 0.11 ms, a third of it Spring MVC and Jackson data binding.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "compact.screening.direct-route", havingValue = "true", matchIfMissing = true)
class ScreeningRoute {
  static final String PATH = "/api/screen";
  /** Above this a body goes to Spring MVC, which streams it; a query is a few hundred bytes. */
  static final int MAX_DIRECT_BYTES = 64 * 1024;

  @Bean
  ServletRegistrationBean<ScreeningServlet> screeningServlet(ScreeningRequests requests, JsonMapper json,
      DispatcherServlet dispatcher) {
    ServletRegistrationBean<ScreeningServlet> registration =
        new ServletRegistrationBean<>(new ScreeningServlet(requests, json, dispatcher), PATH);
    registration.setName("screening");
    return registration;
  }

  /** The servlet at exactly {@code /api/screen} (the batch path stays with Spring MVC). */
  static final class ScreeningServlet extends HttpServlet {
    private final transient ScreeningRequests requests;
    private final transient ObjectReader queries;
    private final transient ObjectWriter answers;
    private final transient DispatcherServlet mvc;

    ScreeningServlet(ScreeningRequests requests, JsonMapper json, DispatcherServlet mvc) {
      this.requests = requests;
      // Spring MVC's Jackson converter reads and writes with this same mapper; built once here, not per request.
      this.queries = json.readerFor(Query.class);
      this.answers = json.writerFor(ScreeningAnswer.class);
      this.mvc = mvc;
    }

    @Override
    public void init() throws ServletException {
      // Requests this servlet does not answer itself go to Spring MVC's servlet, called directly rather than through a
      // forward (which would be a FORWARD dispatch, through Spring Security's filters a second time), so it must be
      // initialised already: spring.mvc.servlet.load-on-startup does that at start.
      if (mvc.getServletConfig() == null) {
        throw new ServletException("Spring MVC's DispatcherServlet is not initialised; set spring.mvc.servlet.load-on-startup=1"
            + " or compact.screening.direct-route=false");
      }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
      long length = request.getContentLengthLong();
      if (!plainJsonQuery(request) || length <= 0 || length > MAX_DIRECT_BYTES) {
        mvc.service(request, response);
        return;
      }
      byte[] body = request.getInputStream().readNBytes((int) length);
      ScreeningAnswer answer;
      try {
        Query query = queries.readValue(body);
        answer = query == null ? null : requests.answer(query);
      } catch (RuntimeException e) {
        // Not a query (Jackson's exceptions are unchecked), or one with problems (a 422 with the sentence that says what is wrong), or a failure: Spring MVC
        // reads the same bytes again and answers as it always did, through the controller and its problem handlers.
        // Screening changes nothing, so doing a query's work twice is only slower.
        answer = null;
      }
      if (answer == null) {
        mvc.service(new Replayed(request, body), response);
        return;
      }
      byte[] json = answers.writeValueAsBytes(answer);
      // The metrics' uri tag, as Spring MVC's handler mapping sets it for the controller's route.
      ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATH));
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType("application/json");
      // No Content-Length and no flush, as Spring MVC writes it: Tomcat sets the length when the answer fits its buffer.
      response.getOutputStream().write(json);
    }

    /**
     * A POST of JSON in UTF-8, with no Accept header but one Spring MVC would answer with plain {@code application/json},
     * no Origin (for which Spring MVC checks CORS) and no query: the requests whose answer this servlet can write itself.
     */
    private static boolean plainJsonQuery(HttpServletRequest request) {
      // A query string goes to Spring MVC, which refuses the parameters the route does not take (StrictQuery).
      if (!"POST".equals(request.getMethod()) || request.getHeader("Origin") != null || request.getQueryString() != null) {
        return false;
      }
      String accept = request.getHeader("Accept");
      if (accept != null && !accept.equals("*/*") && !accept.equalsIgnoreCase("application/json")) {
        return false;
      }
      String type = request.getContentType();
      if (type == null) {
        return false;
      }
      type = type.toLowerCase(Locale.ROOT).replace(" ", "");
      return type.equals("application/json") || type.equals("application/json;charset=utf-8");
    }
  }

  /** The request with its body, already read, to be read again. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;
    private final ByteArrayInputStream in;
    private final ServletInputStream stream;

    Replayed(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
      this.in = new ByteArrayInputStream(body);
      this.stream = new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body was already read");
        }
      };
    }

    @Override
    public ServletInputStream getInputStream() {
      return stream;
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(in,
          encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
