package dev.compact;

import dev.compact.service.ServiceSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/** The Compact service: the record, the engine and the API in one process. */
@SpringBootApplication
@EnableConfigurationProperties(ServiceSettings.class)
public class ServiceApplication {

  /** Starts the service with {@code --name=value} properties; returns once it listens. */
  public static ConfigurableApplicationContext start(String... args) {
    SpringApplication application = new SpringApplication(ServiceApplication.class);
    return application.run(args);
  }

  public static void main(String[] args) {
    start(args);
  }
}
