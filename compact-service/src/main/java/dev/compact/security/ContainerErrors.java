package dev.compact.security;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Answers that Tomcat gives itself, before any filter of the service runs (a path with an encoded
 * '/' or '\' or a NUL byte is refused by the connector), as the firewall's refusals are answered: a
 * problem document that repeats nothing of the request, with the API's protective headers, instead
 * of Tomcat's bare HTML page. Only the host's error report is replaced; the connector's settings,
 * and so what it refuses, are left as they are.
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
  private final boolean demonstration;

  ContainerErrors(@org.springframework.beans.factory.annotation.Value("${compact.demonstration:false}") boolean demonstration) {
    this.demonstration = demonstration;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      Host host = (Host) context.getParent();
      // Spring Boot adds Tomcat's own report valve in a context customizer of its own, which runs first;
      // the host adds one at start unless a valve of its configured class is there: so ours replaces
      // Boot's and is named as the host's.
      for (Valve valve : host.getPipeline().getValves()) {
        if (valve instanceof ErrorReportValve) {
          host.getPipeline().removeValve(valve);
        }
      }
      if (host instanceof org.apache.catalina.core.StandardHost standard) {
        standard.setErrorReportValveClass(ProblemReportValve.class.getName());
      }
      host.getPipeline().addValve(new ProblemReportValve(demonstration));
    });
  }

  /** After Spring Boot's own customizer of the factory, which adds Tomcat's report valve. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Writes an error the container answers itself as a problem document with the API's protective headers. */
  public static final class ProblemReportValve extends ErrorReportValve {
    /** Whether the record is a demonstration: these answers come before {@link DemonstrationHeader} could run. */
    private final boolean demonstration;

    /** As Tomcat makes a host's valve by its class name (it finds this one already there, and makes none). */
    public ProblemReportValve() {
      this(false);
    }

    ProblemReportValve(boolean demonstration) {
      this.demonstration = demonstration;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      // As Tomcat's own report: only an error nobody has written a body for, and only once.
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      HttpStatus known = HttpStatus.resolve(status);
      String title = known == null ? "Error" : known.getReasonPhrase();
      // Neither the refused path nor Tomcat's message about it goes into the answer.
      // Tomcat refuses with 400 for other reasons too; the path's cause is named only when the path has it.
      String detail = pathRefused(request) ? DETAIL : GENERAL;
      String body = status == 400
          ? "{\"type\":\"" + Refusals.BASE + "bad-request\",\"title\":\"Bad request\",\"status\":400,\"detail\":\"" + detail + "\"}"
          : "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + "}";
      try {
        response.resetBuffer();
        Headers.writeApiHeaders(request, response);
        if (demonstration) {
          response.setHeader(DemonstrationHeader.NAME, "true");
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        PrintWriter writer = response.getReporter();
        if (writer != null) {
          writer.write(body);
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // The client went away: nothing to answer.
      }
    }
  }

  /** A 400 of the container for which the path gives no reason. */
  static final String GENERAL = "the server refused the request before reading it";

  /** Whether the raw path holds what the connector refuses: an encoded '/' or '\\', or a NUL. */
  static boolean pathRefused(Request request) {
    String uri = request.getRequestURI();
    if (uri == null) {
      return false;
    }
    String lower = uri.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || uri.indexOf('\u0000') >= 0;
  }

  static final String DETAIL = "the request's path holds something the server refuses to interpret (an encoded '/' or '\\\\', or a NUL"
      + " byte); send the plain path";
}
