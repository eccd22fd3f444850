package dev.compact.api;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Answers {@code Expect: 100-continue} only when a handler starts to read the body. Tomcat's default
 * sends 100 Continue as soon as the request is dispatched, before any filter has decided, so a client
 * refused by the role check (the list-sized upload routes) had already been told to send its body.
 */
@Component
class ContinueOnRead implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
  }
}
