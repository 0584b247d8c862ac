package dev.burrow.processor.rules;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the front ends' read-back checks share: which classes Jackson 3 reads back by name, which
 * annotations tell it how, and the verdict on a class that is neither. Each front end walks its own
 * types (javac elements, KSP symbols) and asks here, so that both refuse exactly the same classes
 * with the same message.
 */
public final class JacksonReadBack {
  /**
   * The annotation that lists the subtypes Jackson creates for a class annotated
   * {@code @JsonTypeInfo}: each is read back as a class of its own, unless {@link
   * #JSON_DESERIALIZE} tells Jackson another way.
   */
  public static final String JSON_SUB_TYPES = "com.fasterxml.jackson.annotation.JsonSubTypes";

  /** The annotation that names a deserializer or a type to read instead of the class. */
  public static final String JSON_DESERIALIZE = "tools.jackson.databind.annotation.JsonDeserialize";

  /** Annotations that tell Jackson how to read an interface, abstract or otherwise odd class. */
  public static final Set<String> READ_ANNOTATIONS =
      Set.of("com.fasterxml.jackson.annotation.JsonTypeInfo", JSON_SUB_TYPES, JSON_DESERIALIZE);

  /**
   * The annotations that mark a constructor or static factory as the one Jackson uses:
   * {@code @JsonCreator}, and {@code @java.beans.ConstructorProperties}, which names the parameters
   * too.
   */
  public static final Set<String> CREATOR_ANNOTATIONS =
      Set.of("com.fasterxml.jackson.annotation.JsonCreator", "java.beans.ConstructorProperties");

  /** The creator annotation that names the parameters itself. */
  public static final String CONSTRUCTOR_PROPERTIES = "java.beans.ConstructorProperties";

  /** The annotation that names a creator's parameter, where the class file may not. */
  public static final String PROPERTY_ANNOTATION = "com.fasterxml.jackson.annotation.JsonProperty";

  /** The annotation that marks a creator as Jackson's; its {@code mode} says how it is called. */
  public static final String JSON_CREATOR = "com.fasterxml.jackson.annotation.JsonCreator";

  /** The annotation that marks a creator's parameter as injected: it needs no name. */
  public static final String INJECT_ANNOTATION = "com.fasterxml.jackson.annotation.JacksonInject";

  /**
   * Whether a {@code @JsonCreator} with {@code parameterCount} parameters and {@code mode} (the
   * name of a {@code JsonCreator.Mode}, null if not given) takes its parameters as properties,
   * which then need names: {@code PROPERTIES}, or the default mode with more than one parameter. A
   * {@code DELEGATING} creator takes the whole value, a {@code DISABLED} one is not used, and the
   * default mode with one parameter is left as Jackson decides it without names (delegating).
   */
  public static boolean takesProperties(int parameterCount, @Nullable String mode) {
    if (parameterCount == 0) {
      return false;
    }
    if (mode == null || mode.equals("DEFAULT")) {
      return parameterCount > 1;
    }
    return mode.equals("PROPERTIES");
  }

  /** JDK packages whose classes Jackson reads only if listed in {@link #JDK_READABLE}. */
  private static final List<String> JDK_PACKAGES =
      List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  /** JDK classes and interfaces Jackson 3 has readers for (besides collections and maps). */
  private static final Set<String> JDK_READABLE =
      Set.of(
          "java.lang.Object",
          "java.lang.String",
          "java.lang.CharSequence",
          "java.lang.StringBuilder",
          "java.lang.StringBuffer",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Character",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.lang.Class",
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.util.UUID",
          "java.util.Locale",
          "java.util.Currency",
          "java.util.Date",
          "java.util.Calendar",
          "java.util.GregorianCalendar",
          "java.util.TimeZone",
          "java.util.BitSet",
          "java.util.Map.Entry",
          "java.util.Optional",
          "java.util.OptionalInt",
          "java.util.OptionalLong",
          "java.util.OptionalDouble",
          "java.util.regex.Pattern",
          "java.util.concurrent.atomic.AtomicBoolean",
          "java.util.concurrent.atomic.AtomicInteger",
          "java.util.concurrent.atomic.AtomicLong",
          "java.util.concurrent.atomic.AtomicReference",
          "java.net.URI",
          "java.net.URL",
          "java.net.InetAddress",
          "java.net.InetSocketAddress",
          "java.io.File",
          "java.nio.file.Path",
          "java.nio.charset.Charset",
          "java.nio.ByteBuffer",
          "java.sql.Date",
          "java.sql.Time",
          "java.sql.Timestamp",
          "java.time.Duration",
          "java.time.Instant",
          "java.time.LocalDate",
          "java.time.LocalDateTime",
          "java.time.LocalTime",
          "java.time.MonthDay",
          "java.time.OffsetDateTime",
          "java.time.OffsetTime",
          "java.time.Period",
          "java.time.Year",
          "java.time.YearMonth",
          "java.time.ZoneId",
          "java.time.ZoneOffset",
          "java.time.ZonedDateTime");

  /**
   * Kotlin classes Jackson 3's Kotlin module writes but cannot create again: {@code
   * kotlin.time.Duration} is written as its internal encoding, with no creator to read it.
   */
  private static final Set<String> KOTLIN_UNREADABLE = Set.of("kotlin.time.Duration");

  private JacksonReadBack() {}

  /**
   * Whether the annotation {@code name} (qualified) is Jackson's: one that may rename, hide or add
   * the properties Jackson writes and reads, so that a front end cannot tell them from names alone.
   */
  public static boolean jacksonAnnotation(String name) {
    return name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson.");
  }

  /**
   * The property Jackson writes through a public instance method {@code method} that takes nothing
   * and returns a value ({@code getLow} and {@code isOpen} give {@code low} and {@code open}), or
   * null if it is no getter.
   */
  public static @Nullable String getterProperty(String method) {
    for (String prefix : List.of("get", "is")) {
      if (method.length() > prefix.length() && method.startsWith(prefix)) {
        String rest = method.substring(prefix.length());
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
      }
    }
    return null;
  }

  /**
   * The first of {@code parameters} (the parameter names of the constructor Jackson creates a class
   * through) that is named after none of {@code properties} (those Jackson writes: its getters' and
   * public fields'), or null if each is. Letter case is ignored, as Jackson's naming of a getter
   * such as {@code getURL} varies with its settings: only a name no property has in any case is
   * certain to get no value when the document is read.
   */
  public static @Nullable String unwrittenParameter(
      List<String> parameters, Collection<String> properties) {
    Set<String> written =
        properties.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    return parameters.stream()
        .filter(parameter -> !written.contains(parameter.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElse(null);
  }

  /**
   * Whether Jackson reads the class {@code name} (as Java names it) by name alone: a JDK class it
   * has a reader for, or one annotated with one of {@link #READ_ANNOTATIONS}.
   */
  public static boolean readableByName(String name, boolean annotatedForReading) {
    return annotatedForReading || JDK_READABLE.contains(name);
  }

  /**
   * Why Jackson cannot read back a class that {@link #readableByName} does not accept: an interface
   * or abstract class names nothing to create, and a JDK class it has no reader for (or {@code
   * kotlin.time.Duration}) has none; null if it depends on the class's constructors and components,
   * which the front end checks next.
   */
  public static @Nullable String whyNot(String name, boolean abstractType) {
    if (abstractType) {
      return Messages.abstractNotReadBack(name);
    }
    return JDK_PACKAGES.stream().anyMatch(name::startsWith) || KOTLIN_UNREADABLE.contains(name)
        ? Messages.noJdkReader(name)
        : null;
  }
}
