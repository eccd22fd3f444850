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

  /** Every string a JSON body sends is read under one rule on control characters ({@link ControlCharacters}). */
  @Bean
  JsonMapperBuilderCustomizer controlCharactersRefused() {
    return builder -> builder.addModule(new tools.jackson.databind.module.SimpleModule("compact-control-characters")
        .addDeserializer(String.class, new ControlCharacters.Deserializer()));
  }

  /**
   * The same rule for a body read as text (an agreement version, a key, a cosignature), which no JSON reader sees: a
   * 400 through the same path as a JSON body's ({@link JsonProblems}).
   */
  @org.springframework.web.bind.annotation.ControllerAdvice
  static class TextBodies extends org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter {
    @Override
    public boolean supports(org.springframework.core.MethodParameter parameter, java.lang.reflect.Type targetType,
        Class<? extends HttpMessageConverter<?>> converterType) {
      return targetType == String.class;
    }

    @Override
    public Object afterBodyRead(Object body, org.springframework.http.HttpInputMessage input, org.springframework.core.MethodParameter parameter,
        java.lang.reflect.Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
      String text = (String) body;
      int at = ControlCharacters.first(text);
      if (at >= 0) {
        String reason = ControlCharacters.reason(text, at);
        throw new org.springframework.http.converter.HttpMessageNotReadableException(reason, new ControlCharacters.Refused(null, reason), input);
      }
      return body;
    }
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
