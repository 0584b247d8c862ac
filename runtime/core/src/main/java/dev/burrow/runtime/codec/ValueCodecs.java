package dev.burrow.runtime.codec;

import dev.burrow.UnknownFields;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The codecs generated schemas are built from: one constant per supported scalar type and factories
 * for enums, collections, maps and nested types. How each type looks in JSON is stated in the
 * package documentation. All codecs are immutable and thread-safe.
 *
 * <p>Support for generated code, not a user API: see the {@linkplain dev.burrow.runtime.codec
 * package}.
 */
public final class ValueCodecs {

  /** A JSON string. */
  public static final ScalarCodec<String> STRING = new TextCodec<>("a string", s -> s, s -> s);

  /** {@code true} or {@code false}. */
  public static final ScalarCodec<Boolean> BOOLEAN = new BooleanCodec();

  /** A JSON number from -128 to 127. */
  public static final ScalarCodec<Byte> BYTE =
      new NumberCodec<>("a byte (-128 to 127)", true, false, String::valueOf, Byte::valueOf);

  /** A JSON number from -32768 to 32767. */
  public static final ScalarCodec<Short> SHORT =
      new NumberCodec<>("a short (-32768 to 32767)", true, false, String::valueOf, Short::valueOf);

  /** A JSON number within {@code int} range. */
  public static final ScalarCodec<Integer> INT =
      new NumberCodec<>("an int", true, false, String::valueOf, Integer::valueOf);

  /** A decimal string (a JSON number is accepted when read). */
  public static final ScalarCodec<Long> LONG =
      new NumberCodec<>("a long", true, true, String::valueOf, Long::valueOf);

  /** A JSON number; NaN and the infinities as the strings {@code "NaN"}, {@code "Infinity"}. */
  public static final ScalarCodec<Float> FLOAT =
      new NumberCodec<>("a float", false, false, String::valueOf, Float::valueOf);

  /** A JSON number; NaN and the infinities as the strings {@code "NaN"}, {@code "Infinity"}. */
  public static final ScalarCodec<Double> DOUBLE =
      new NumberCodec<>("a double", false, false, String::valueOf, Double::valueOf);

  /** A decimal string (a JSON number is accepted when read). */
  public static final ScalarCodec<BigInteger> BIG_INTEGER =
      new NumberCodec<>("an integer", true, true, BigInteger::toString, BigInteger::new);

  /** A decimal string keeping its scale, {@code "1.50"} (a JSON number is accepted when read). */
  public static final ScalarCodec<BigDecimal> BIG_DECIMAL =
      new NumberCodec<>("a decimal number", false, true, BigDecimal::toString, BigDecimal::new);

  /** A one-character string. */
  public static final ScalarCodec<Character> CHAR =
      new TextCodec<>("a one-character string", String::valueOf, ValueCodecs::parseChar);

  /** ISO-8601, {@code "2024-01-01T00:00:00Z"}. */
  public static final ScalarCodec<Instant> INSTANT =
      new TextCodec<>(
          "an ISO-8601 instant such as \"2024-01-01T00:00:00Z\"",
          Instant::toString,
          InstantText::parse);

  /** ISO-8601, {@code "PT30S"}. */
  public static final ScalarCodec<Duration> DURATION =
      new TextCodec<>(
          "an ISO-8601 duration such as \"PT30S\"", Duration::toString, Duration::parse);

  /** ISO-8601, {@code "2024-01-31"}. */
  public static final ScalarCodec<LocalDate> LOCAL_DATE =
      new TextCodec<>(
          "an ISO-8601 date such as \"2024-01-31\"", LocalDate::toString, LocalDate::parse);

  /** ISO-8601, {@code "2024-01-31T10:15:30"}. */
  public static final ScalarCodec<LocalDateTime> LOCAL_DATE_TIME =
      new TextCodec<>(
          "an ISO-8601 date-time such as \"2024-01-31T10:15:30\"",
          LocalDateTime::toString,
          LocalDateTime::parse);

  /** ISO-8601, {@code "10:15:30"}. */
  public static final ScalarCodec<LocalTime> LOCAL_TIME =
      new TextCodec<>(
          "an ISO-8601 time such as \"10:15:30\"", LocalTime::toString, LocalTime::parse);

  /** ISO-8601 with offset, {@code "2024-01-31T10:15:30+01:00"}. */
  public static final ScalarCodec<OffsetDateTime> OFFSET_DATE_TIME =
      new TextCodec<>(
          "an ISO-8601 date-time with offset such as \"2024-01-31T10:15:30+01:00\"",
          OffsetDateTime::toString,
          OffsetDateTime::parse);

  /** The canonical 36-character form. */
  public static final ScalarCodec<UUID> UUID =
      new TextCodec<>("a UUID", java.util.UUID::toString, java.util.UUID::fromString);

  /** The URI as a string. */
  public static final ScalarCodec<URI> URI =
      new TextCodec<>("a URI", java.net.URI::toString, java.net.URI::create);

  /** The path as a string, in the platform's syntax. */
  public static final ScalarCodec<Path> PATH = new TextCodec<>("a path", Path::toString, Path::of);

  private ValueCodecs() {}

  /** An enum constant by {@link Enum#name()}; reading an unknown name names the valid ones. */
  public static <E extends Enum<E>> ScalarCodec<E> enumOf(Class<E> type) {
    return new EnumCodec<>(
        type.getSimpleName(),
        Arrays.stream(type.getEnumConstants()).map(Enum::name).toList(),
        Enum::name,
        name -> Enum.valueOf(type, name));
  }

  /** A JSON array, read into a new {@link ArrayList}; elements are never null. */
  public static <E> ValueCodec<List<E>> listOf(ValueCodec<E> elements) {
    return new CollectionCodec<List<E>, E>(ElementCodec.required(elements), ArrayList::new);
  }

  /**
   * Like {@link #listOf}, for elements that may be null ({@code List<@Nullable String>}, Kotlin's
   * {@code List<String?>}).
   */
  public static <E> ValueCodec<List<@Nullable E>> listOfNullable(ValueCodec<E> elements) {
    return new CollectionCodec<List<@Nullable E>, @Nullable E>(
        ElementCodec.optional(elements), ArrayList::new);
  }

  /**
   * A JSON array, read into a new {@link LinkedHashSet} (iteration order as written); elements are
   * never null.
   */
  public static <E> ValueCodec<Set<E>> setOf(ValueCodec<E> elements) {
    return new CollectionCodec<Set<E>, E>(ElementCodec.required(elements), LinkedHashSet::new);
  }

  /** Like {@link #setOf}, for elements that may be null ({@code Set<@Nullable String>}). */
  public static <E> ValueCodec<Set<@Nullable E>> setOfNullable(ValueCodec<E> elements) {
    return new CollectionCodec<Set<@Nullable E>, @Nullable E>(
        ElementCodec.optional(elements), LinkedHashSet::new);
  }

  /**
   * A JSON object whose keys are the keys' string forms, read into a new {@code LinkedHashMap};
   * keys and values are never null.
   */
  public static <K, V> ValueCodec<Map<K, V>> mapOf(ScalarCodec<K> keys, ValueCodec<V> values) {
    return new MapCodec<K, V>(keys, ElementCodec.required(values));
  }

  /**
   * Like {@link #mapOf}, for values that may be null ({@code Map<String, @Nullable String>}); keys
   * never are.
   */
  public static <K, V> ValueCodec<Map<K, @Nullable V>> mapOfNullable(
      ScalarCodec<K> keys, ValueCodec<V> values) {
    return new MapCodec<K, @Nullable V>(keys, ElementCodec.optional(values));
  }

  /**
   * A nested value written and read by Jackson databind with {@link BurrowJson#mapper} for {@code
   * policy}; {@code names} name the constructor parameters of the classes it creates whose class
   * files may not ({@link ParameterNames}).
   */
  public static <V> ValueCodec<V> databind(
      Class<V> type, UnknownFields policy, ParameterNames... names) {
    JsonMapper mapper = BurrowJson.mapper(policy, List.of(names));
    return new DatabindCodec<>(mapper, mapper.constructType(type));
  }

  /** Like {@link #databind(Class, UnknownFields, ParameterNames...)}, for a parameterized type. */
  public static <V> ValueCodec<V> databind(
      TypeReference<V> type, UnknownFields policy, ParameterNames... names) {
    JsonMapper mapper = BurrowJson.mapper(policy, List.of(names));
    return new DatabindCodec<>(mapper, mapper.constructType(type));
  }

  private static Character parseChar(String text) {
    if (text.length() != 1) {
      throw new IllegalArgumentException("not one character");
    }
    return text.charAt(0);
  }
}
