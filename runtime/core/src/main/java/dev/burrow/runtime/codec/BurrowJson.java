package dev.burrow.runtime.codec;

import dev.burrow.UnknownFields;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jackson configuration every Burrow document is read and written with. Jackson 3 handles
 * {@code java.time} itself (ISO-8601 strings); modules found on the class path through {@link
 * java.util.ServiceLoader} (such as jackson-module-kotlin, which nested Kotlin classes need) are
 * registered too.
 *
 * <p>Both mappers reject duplicate fields and {@code null} for primitives; they differ only in what
 * a nested object does with a property its class does not declare. (Trailing content after a
 * document is rejected by {@link DocumentReader}: the mappers read nested values in the middle of a
 * document, where a trailing-token check would be wrong.)
 */
public final class BurrowJson {
  private static final JsonMapper LENIENT = build(false);
  private static final JsonMapper STRICT = build(true);
  private static final ObjectWriter PRETTY = LENIENT.writer().withDefaultPrettyPrinter();

  private BurrowJson() {}

  /**
   * The shared, thread-safe mapper for {@code policy}: under {@link UnknownFields#FAIL} a nested
   * object with an undeclared property fails to read, under {@link UnknownFields#IGNORE} the
   * property is skipped.
   */
  public static JsonMapper mapper(UnknownFields policy) {
    return policy == UnknownFields.FAIL ? STRICT : LENIENT;
  }

  /** Writer with two-space indentation, used for documents so people can read them. */
  static ObjectWriter prettyWriter() {
    return PRETTY;
  }

  private static JsonMapper build(boolean failOnUnknown) {
    return JsonMapper.builder()
        .findAndAddModules()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, failOnUnknown)
        .build();
  }
}
