package dev.compact.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests Spring Security's firewall refuses before any filter chain runs (a ';', '//', '..', an
 * encoded '.', '/', '\' or '%', a control character, a method or header it does not allow) get a
 * 400 problem document like every other refusal, instead of Spring Boot's error JSON, which echoes
 * the refused path back.
 */
final class RejectedRequests implements RequestRejectedHandler {
  static final String DETAIL = "the request's URL, method or headers hold something the service refuses to interpret"
      + " (a ';', '//', '..', an encoded '.', '/', '\\' or '%', or a control character); send the plain path";

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected) throws IOException {
    // Neither the refused input nor the firewall's message (which quotes a refused header's value)
    // goes into the answer or the log: both may be built to deceive whoever reads them.
    // No chain ran, so none of its header writers did: the answer carries the API's own.
    Headers.writeApiHeaders(request, response);
    response.setHeader("Cache-Control", "no-store");
    Refusals.problem(response, 400, "bad-request", "Bad request", DETAIL);
  }
}
