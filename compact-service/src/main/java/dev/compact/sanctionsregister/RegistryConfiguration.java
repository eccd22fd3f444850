package dev.compact.sanctionsregister;

import dev.compact.service.RecordService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sanctions register as a bean of the service. */
@Configuration
class RegistryConfiguration {

  @Bean
  PackageRegister packageRegister(RecordService record) {
    return new PackageRegister(record);
  }
}
