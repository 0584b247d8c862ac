package dev.burrow.runtime.codec;

import dev.burrow.runtime.internal.text.JsonReadFailure;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a value codec as JSON, and rebuilds from that description a codec that accepts exactly
 * what the described one reads: {@code {"type": "long"}} for each of {@link ValueCodecs}' scalars,
 * {@code {"type": "enum", "of": "State", "constants": […]}}, {@code {"type": "array", "elements":
 * …, "nullElements": …}} for lists and sets, {@code {"type": "object", "keys": …, "values": …,
 * "nullValues": …}} for maps, and {@code {"type": "json"}}, any well-formed JSON value, for what
 * databind reads or a codec Burrow does not know.
 */
final class CodecShapes {
  private static final Map<String, ScalarCodec<?>> SCALARS = new LinkedHashMap<>();
  private static final IdentityHashMap<ValueCodec<?>, String> SCALAR_NAMES =
      new IdentityHashMap<>();

  static {
    scalar("string", ValueCodecs.STRING);
    scalar("boolean", ValueCodecs.BOOLEAN);
    scalar("byte", ValueCodecs.BYTE);
    scalar("short", ValueCodecs.SHORT);
    scalar("int", ValueCodecs.INT);
    scalar("long", ValueCodecs.LONG);
    scalar("float", ValueCodecs.FLOAT);
    scalar("double", ValueCodecs.DOUBLE);
    scalar("bigInteger", ValueCodecs.BIG_INTEGER);
    scalar("bigDecimal", ValueCodecs.BIG_DECIMAL);
    scalar("char", ValueCodecs.CHAR);
    scalar("instant", ValueCodecs.INSTANT);
    scalar("duration", ValueCodecs.DURATION);
    scalar("localDate", ValueCodecs.LOCAL_DATE);
    scalar("localDateTime", ValueCodecs.LOCAL_DATE_TIME);
    scalar("localTime", ValueCodecs.LOCAL_TIME);
    scalar("offsetDateTime", ValueCodecs.OFFSET_DATE_TIME);
    scalar("uuid", ValueCodecs.UUID);
    scalar("uri", ValueCodecs.URI);
    scalar("path", ValueCodecs.PATH);
  }

  /** Any well-formed JSON value, skipped: what a tool without the user's classes can check. */
  private static final ValueCodec<Object> ANY_JSON =
      new ValueCodec<>() {
        @Override
        public void write(JsonGenerator out, Object value) {
          throw new UnsupportedOperationException("a shape's codec only reads");
        }

        @Override
        public Object read(JsonParser in) {
          String where = Tokens.where(in);
          try {
            in.skipChildren();
          } catch (JacksonException e) {
            throw new DocumentFormatException(
                e.getOriginalMessage() + " " + where, JsonReadFailure.of(e, in));
          }
          return true;
        }
      };

  private CodecShapes() {}

  private static void scalar(String name, ScalarCodec<?> codec) {
    SCALARS.put(name, codec);
    SCALAR_NAMES.put(codec, name);
  }

  static ObjectNode describe(ValueCodec<?> codec) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    String scalar = SCALAR_NAMES.get(codec);
    if (scalar != null) {
      return node.put("type", scalar);
    }
    if (codec instanceof EnumCodec<?> constants) {
      node.put("type", "enum").put("of", constants.typeName());
      constants.constants().forEach(node.putArray("constants")::add);
      return node;
    }
    if (codec instanceof CollectionCodec<?, ?> array) {
      node.put("type", "array").set("elements", describe(array.elements()));
      return node.put("nullElements", array.nullable());
    }
    if (codec instanceof MapCodec<?, ?> map) {
      node.put("type", "object").set("keys", describe(map.keys()));
      node.set("values", describe(map.values()));
      return node.put("nullValues", map.nullable());
    }
    return node.put("type", "json");
  }

  /**
   * A codec that reads what the one {@code node} describes; a type this Burrow does not know (one a
   * newer Burrow recorded) reads as any well-formed JSON, so that it is never refused wrongly.
   */
  static ValueCodec<?> rebuild(JsonNode node) {
    String type = node.path("type").asString("");
    return switch (type) {
      case "json" -> ANY_JSON;
      case "enum" -> enumShape(node);
      case "array" ->
          array(
              element(rebuild(node.path("elements"))), node.path("nullElements").asBoolean(false));
      case "object" -> mapShape(node);
      default -> SCALARS.containsKey(type) ? SCALARS.get(type) : ANY_JSON;
    };
  }

  /** A map's codec; one whose keys are of a type this Burrow does not know reads as any JSON. */
  private static ValueCodec<?> mapShape(JsonNode node) {
    JsonNode keys = node.path("keys");
    String keyType = keys.path("type").asString("");
    ScalarCodec<?> keyCodec = keyType.equals("enum") ? enumShape(keys) : SCALARS.get(keyType);
    if (keyCodec == null) {
      return ANY_JSON;
    }
    return map(
        keyCodec, element(rebuild(node.path("values"))), node.path("nullValues").asBoolean());
  }

  private static ValueCodec<?> array(ValueCodec<Object> elements, boolean nullElements) {
    return nullElements ? ValueCodecs.listOfNullable(elements) : ValueCodecs.listOf(elements);
  }

  private static <K> ValueCodec<?> map(
      ScalarCodec<K> keys, ValueCodec<Object> values, boolean nullValues) {
    return nullValues ? ValueCodecs.mapOfNullable(keys, values) : ValueCodecs.mapOf(keys, values);
  }

  private static EnumCodec<String> enumShape(JsonNode node) {
    List<String> constants = new ArrayList<>();
    node.path("constants").forEach(constant -> constants.add(constant.asString()));
    Set<String> known = Set.copyOf(constants);
    return new EnumCodec<>(
        node.path("of").asString("enum"),
        constants,
        name -> name,
        name -> {
          if (!known.contains(name)) {
            throw new IllegalArgumentException("not a constant: " + name);
          }
          return name;
        });
  }

  @SuppressWarnings("unchecked") // the rebuilt codec only reads, and its values are discarded
  private static ValueCodec<Object> element(ValueCodec<?> codec) {
    return (ValueCodec<Object>) codec;
  }
}
