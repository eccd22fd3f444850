package dev.compact.identity;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses identity-provider settings that cannot work as soon as the settings are known, before a
 * database is opened or a port taken, so that the service stops with the reason alone.
 */
class SettingsCheck implements EnvironmentPostProcessor, Ordered {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    IdentityConfiguration.settings(environment);
  }

  /** After the configuration files and the environment have been read. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
