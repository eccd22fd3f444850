package dev.compact.api;

import java.util.List;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;

/**
 * The API reads JSON, and only as sent. A key given twice ({@code "kind": "missile-strike", "kind": "cyber-attack"}) is a
 * 400, not the last one silently winning; and the YAML, CBOR and Smile readers that Spring MVC adds when their Jackson
 * formats happen to be on the class path (YAML comes with the OpenAPI library) are not offered: they would take bodies
 * through a second mapper that none of the API's strictness reaches (unknown fields, fractions for whole numbers).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson implements WebMvcConfigurer {
  private static final List<MediaType> OTHER_FORMATS = List.of(MediaType.APPLICATION_YAML, MediaType.APPLICATION_CBOR,
      MediaType.valueOf("application/x-jackson-smile"), MediaType.APPLICATION_XML, MediaType.TEXT_XML);

  @Bean
  JsonMapperBuilderCustomizer duplicateKeysRefused() {
    return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }

  @Override
  public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
    builder.configureMessageConvertersList(converters -> converters.removeIf(StrictJson::otherFormat));
  }

  private static boolean otherFormat(HttpMessageConverter<?> converter) {
    // Exact types only: a converter of */* (bytes, resources) is compatible with YAML too, and stays.
    return converter.getSupportedMediaTypes().stream().anyMatch(type -> OTHER_FORMATS.stream().anyMatch(type::equalsTypeAndSubtype));
  }
}
