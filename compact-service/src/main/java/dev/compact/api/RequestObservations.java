package dev.compact.api;

import io.micrometer.common.KeyValues;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * How every request is observed ({@code http.server.requests}): the tags the metrics are counted by (method, uri,
 * status, outcome, exception), as Spring's default convention gives them, and nothing for tracing, which the service
 * does not do. The default also works out the request's full URL (a high-cardinality value) and a span name, at the
 * start and again at the end of every request, for tracing handlers that are not there (issue #17: a screening request
 * pays for them like any other).
 */
@Component
class RequestObservations extends DefaultServerRequestObservationConvention {
  @Override
  public KeyValues getHighCardinalityKeyValues(ServerRequestObservationContext context) {
    return KeyValues.empty();
  }

  @Override
  public String getContextualName(ServerRequestObservationContext context) {
    return null;
  }
}
