package dev.burrow.runtime.codec;

import dev.burrow.MisuseException;
import dev.burrow.UnknownFields;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
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
 *
 * <p>A Kotlin class other than a record reads back only through Jackson 3's Kotlin module: without
 * it, Jackson writes such a value but cannot create it again. Burrow refuses to write or read one
 * without the module, and the stores generated for types that hold one refuse to open.
 *
 * <p>Support for generated code, not a user API: see the {@linkplain dev.burrow.runtime.codec
 * package}.
 */
public final class BurrowJson {
  private static final JsonMapper LENIENT = build(false);
  private static final JsonMapper STRICT = build(true);
  private static final ObjectWriter PRETTY = LENIENT.writer().withDefaultPrettyPrinter();
  private static final boolean KOTLIN_MODULE =
      LENIENT.registeredModules().stream()
          .anyMatch(m -> m.getClass().getName().equals("tools.jackson.module.kotlin.KotlinModule"));

  private BurrowJson() {}

  /**
   * The shared, thread-safe mapper for {@code policy}: under {@link UnknownFields#FAIL} a nested
   * object with an undeclared property fails to read, under {@link UnknownFields#IGNORE} the
   * property is skipped.
   */
  public static JsonMapper mapper(UnknownFields policy) {
    return policy == UnknownFields.FAIL ? STRICT : LENIENT;
  }

  /**
   * Checks that every one of {@code types} can be read back: for generated stores to call before
   * they open. Cheap: looks at the classes' annotations.
   *
   * @throws MisuseException naming the class and the dependency to add, if one of {@code types} is
   *     a Kotlin class (not a record) and Jackson 3's Kotlin module is not on the class path
   */
  public static void requireReadable(Class<?>... types) {
    for (Class<?> type : types) {
      String problem = unreadable(type);
      if (problem != null) {
        throw new MisuseException(problem);
      }
    }
  }

  /** Why values of {@code type} cannot be read back, or null if they can. */
  static @Nullable String unreadable(Class<?> type) {
    if (KOTLIN_MODULE || type.isRecord() || type.isEnum() || !kotlin(type)) {
      return null;
    }
    return type.getName()
        + " is a Kotlin class, which Jackson reads back only with Jackson 3's Kotlin module; add the"
        + " dependency tools.jackson.module:jackson-module-kotlin (its version is in Jackson's BOM)";
  }

  private static boolean kotlin(Class<?> type) {
    return Arrays.stream(type.getDeclaredAnnotations())
        .map(Annotation::annotationType)
        .anyMatch(a -> a.getName().equals("kotlin.Metadata"));
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
