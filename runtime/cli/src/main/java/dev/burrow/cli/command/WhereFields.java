package dev.burrow.cli.command;

import dev.burrow.runtime.codec.DocumentShape;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.ManagedFields;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks {@code ls --where} conditions against the document shape the kind recorded in {@code
 * .burrow/store.json}: a field the shape does not know, or a value no document's field of that type
 * can hold (as JSON writes it), matches no instance, so it is a mistake to name, not an empty
 * result. Without a recorded shape (a hand-written codec, a root last opened by an earlier Burrow)
 * nothing is checked. Cost: one pass over the shape's fields.
 */
final class WhereFields {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A whole number as JSON writes it: no sign on 0, no plus sign, no leading zeros. */
  private static final Pattern WHOLE = Pattern.compile("0|-?[1-9][0-9]*");

  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?|NaN|-?Infinity");

  private WhereFields() {}

  /**
   * Why no instance of {@code kind} could match {@code filters}, naming the field or value; null if
   * some might, or the kind records no shape. The value {@code null} is never refused: a field the
   * document lacks reads as it.
   */
  static @Nullable String refusal(KindDescription kind, Map<String, String> filters) {
    DocumentShape shape = kind.shape();
    if (shape == null) {
      return null;
    }
    JsonNode fields = shape.toJson().path("fields");
    TreeSet<String> known = new TreeSet<>(managed(kind.fields()));
    fields.properties().forEach(field -> known.add(field.getKey()));
    for (Map.Entry<String, String> filter : filters.entrySet()) {
      String name = filter.getKey();
      String value = filter.getValue();
      if (!known.contains(name)) {
        return "--where names field '"
            + name
            + "', which documents of kind '"
            + kind.kind()
            + "' do not have (its fields: "
            + String.join(", ", known)
            + "), so no instance could match";
      }
      JsonNode type = fields.path(name).path("type");
      String holds = value.equals("null") ? null : mismatch(type, value);
      if (holds != null) {
        return "--where "
            + name
            + "="
            + value
            + ": field '"
            + name
            + "' holds "
            + holds
            + ", never '"
            + value
            + "', so no instance could match";
      }
    }
    return null;
  }

  private static List<String> managed(ManagedFields fields) {
    List<String> names = new ArrayList<>(List.of(fields.id(), fields.version()));
    if (fields.createdAt() != null) {
      names.add(fields.createdAt());
    }
    if (fields.updatedAt() != null) {
      names.add(fields.updatedAt());
    }
    return names;
  }

  /**
   * What a field of {@code type} (as the shape describes it) holds, in words, if {@code value}
   * cannot be its JSON text; null if it can, or the type is one whose text is not checked here.
   */
  private static @Nullable String mismatch(JsonNode type, String value) {
    return switch (type.path("type").asString("")) {
      case "byte" -> wholeNumber(value, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
      case "short" -> wholeNumber(value, Short.MIN_VALUE, Short.MAX_VALUE, "short");
      case "int" -> wholeNumber(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
      case "long" -> wholeNumber(value, Long.MIN_VALUE, Long.MAX_VALUE, "long");
      case "bigInteger" -> WHOLE.matcher(value).matches() ? null : "whole numbers";
      case "float", "double", "bigDecimal" -> NUMBER.matcher(value).matches() ? null : "numbers";
      case "boolean" -> value.equals("true") || value.equals("false") ? null : "true or false";
      case "enum" -> constants(type).contains(value) ? null : "one of " + constants(type);
      case "instant" ->
          parses(value, Instant::parse) ? null : "instants (ISO-8601, as 2024-01-31T10:15:30Z)";
      case "offsetDateTime" ->
          parses(value, OffsetDateTime::parse)
              ? null
              : "date-times with an offset (ISO-8601, as 2024-01-31T10:15:30+01:00)";
      case "localDateTime" ->
          parses(value, LocalDateTime::parse) ? null : "date-times (as 2024-01-31T10:15:30)";
      case "localDate" -> parses(value, LocalDate::parse) ? null : "dates (as 2024-01-31)";
      case "localTime" -> parses(value, LocalTime::parse) ? null : "times of day (as 10:15:30)";
      case "duration" -> parses(value, Duration::parse) ? null : "durations (ISO-8601, as PT15M)";
      case "uuid" -> parses(value, UUID::fromString) ? null : "UUIDs";
      case "array" -> json(value, JsonNode::isArray) ? null : "lists (a JSON array, as [\"A\"])";
      case "object" ->
          json(value, JsonNode::isObject) ? null : "maps (a JSON object, as {\"k\":1})";
      default -> null;
    };
  }

  /** Null if {@code value} is a whole number from {@code min} to {@code max}, else why not. */
  private static @Nullable String wholeNumber(String value, long min, long max, String type) {
    if (!WHOLE.matcher(value).matches()) {
      return "whole numbers";
    }
    BigInteger number = new BigInteger(value);
    return number.compareTo(BigInteger.valueOf(min)) >= 0
            && number.compareTo(BigInteger.valueOf(max)) <= 0
        ? null
        : "whole numbers from " + min + " to " + max + " (" + type + ")";
  }

  private static boolean parses(String value, Function<String, ?> parser) {
    try {
      return parser.apply(value) != null;
    } catch (DateTimeException | IllegalArgumentException notOfTheType) {
      return false;
    }
  }

  /** Whether {@code value} is JSON text of a value that {@code is} accepts. */
  private static boolean json(String value, Predicate<JsonNode> is) {
    try {
      JsonNode node = JSON.readTree(value);
      return node != null && is.test(node);
    } catch (JacksonException notJson) {
      return false;
    }
  }

  private static List<String> constants(JsonNode enumType) {
    List<String> constants = new ArrayList<>();
    enumType.path("constants").forEach(constant -> constants.add(constant.asString()));
    return constants;
  }
}
