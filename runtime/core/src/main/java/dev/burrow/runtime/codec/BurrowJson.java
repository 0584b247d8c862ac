package dev.burrow.runtime.codec;

import dev.burrow.MisuseException;
import dev.burrow.UnknownFields;
import java.lang.annotation.Annotation;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
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
  private static final Module DATABIND = JsonMapper.class.getModule();
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
   * Like {@link #mapper(UnknownFields)}, but creating the classes {@code names} are for through
   * their constructors with those parameter names, where their class files do not record them
   * (compiled without {@code -parameters}): a new mapper, for one codec to keep, unless {@code
   * names} is empty.
   */
  static JsonMapper mapper(UnknownFields policy, List<ParameterNames> names) {
    JsonMapper shared = mapper(policy);
    return names.isEmpty()
        ? shared
        : shared.rebuild().addModule(new ParameterNamesModule(names)).build();
  }

  /**
   * Checks that Jackson can read back values of every one of {@code types}, and of the classes it
   * creates on the way ({@link ReadClasses}: record components, fields, type arguments, at any
   * depth): for generated stores to call before they open, with the classes their components hand
   * to databind. Cheap: looks at the classes' annotations, fields and modules.
   *
   * @throws MisuseException naming the class and the line or dependency to add, if one of those
   *     classes is in a named module that neither opens its package to Jackson databind nor, for a
   *     public class, exports it to databind (Jackson could then neither write nor read it), or is
   *     a Kotlin class (not a record) and Jackson 3's Kotlin module is not on the class path
   */
  public static void requireReadable(Class<?>... types) {
    for (Class<?> type : types) {
      for (Class<?> created : ReadClasses.of(LENIENT.constructType(type))) {
        String problem = unreadable(created);
        if (problem != null) {
          throw new MisuseException(problem);
        }
      }
    }
  }

  /** Why values of {@code type} cannot be read back, or null if they can. */
  static @Nullable String unreadable(Class<?> type) {
    String closed = closedToDatabind(type);
    if (closed != null) {
      return closed;
    }
    if (KOTLIN_MODULE || type.isRecord() || type.isEnum() || !kotlin(type)) {
      return null;
    }
    return type.getName()
        + " is a Kotlin class, which Jackson reads back only with Jackson 3's Kotlin module; add the"
        + " dependency tools.jackson.module:jackson-module-kotlin (its version is in Jackson's BOM)";
  }

  /**
   * Why Jackson databind cannot reach into {@code type}, or null if it can. On the module path
   * Jackson makes the members it uses accessible first, which a module allows for a public class's
   * public members in a package it exports to databind (a record's constructor and accessors), and
   * for anything in a package it opens to databind. Enums and the JDK's classes need neither:
   * Jackson reads them through the JDK's own means.
   */
  private static @Nullable String closedToDatabind(Class<?> type) {
    Module module = type.getModule();
    String pkg = type.getPackageName();
    if (!module.isNamed()
        || type.isEnum()
        || ReadClasses.jdk(type)
        || module.isOpen(pkg, DATABIND)
        || (module.isExported(pkg, DATABIND) && Modifier.isPublic(type.getModifiers()))) {
      return null;
    }
    String to = DATABIND.isNamed() ? " to " + DATABIND.getName() : "";
    return type.getName()
        + " is read and written by Jackson databind, but module "
        + module.getName()
        + (Modifier.isPublic(type.getModifiers())
            ? " neither opens nor exports its package to Jackson databind"
            : " does not open its package to Jackson databind, which a class that is not public"
                + " needs")
        + "; add the line `opens "
        + pkg
        + to
        + ";` to the module-info.java of "
        + module.getName();
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
