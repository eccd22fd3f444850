package dev.compact.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.net.URL;

/**
 * Configures Logback for the command line from {@code compact-cli-logback.xml}, found by Logback's
 * own service lookup the first time anything logs (so a command that logs nothing pays nothing).
 * Without it Logback's default writes every library's INFO lines to standard output, mixed with a
 * command's output. {@code compact serve} is unaffected: Spring Boot configures logging again.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {
  static final String CONFIG = "compact-cli-logback.xml";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    URL config = CliLogging.class.getClassLoader().getResource(CONFIG);
    if (config == null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    try {
      joran.doConfigure(config);
      return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    } catch (JoranException e) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
  }
}
