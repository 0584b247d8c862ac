package dev.burrow.runtime.internal.transfer;

import dev.burrow.IdKind;
import dev.burrow.runtime.codec.DocumentShape;
import dev.burrow.runtime.codec.ShapedCodec;
import dev.burrow.runtime.internal.files.StoreOwned;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a store records about its kind where its documents live (the data root's kind marker, the
 * database's kind row), so that a tool without the user's classes can export, import and migrate
 * it: the kind's name, its managed field names, its subdirectories, its kind of ID and, for a
 * generated codec, the shape of its documents (null for a hand-written codec), which tools check
 * every document against.
 */
public record KindDescription(
    String kind,
    ManagedFields fields,
    List<String> subdirectories,
    IdKind idKind,
    @Nullable DocumentShape shape) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public KindDescription {
    subdirectories = List.copyOf(subdirectories);
  }

  /** The description of {@code schema}'s kind. */
  public static KindDescription of(InstanceSchema<?> schema) {
    if (schema instanceof CheckedSchema<?> checked) {
      return of(checked.unchecked());
    }
    if (schema instanceof RawSchema raw) {
      return raw.description();
    }
    return new KindDescription(
        schema.layout().name(),
        ManagedFields.of(schema),
        schema.layout().subdirectories(),
        schema.layout().idKind(),
        schema.codec() instanceof ShapedCodec<?> shaped ? shaped.shape() : null);
  }

  /** This description with no document shape. */
  public KindDescription withoutShape() {
    return new KindDescription(kind, fields, subdirectories, idKind, null);
  }

  /**
   * Why the export header {@code header} is of a format this Burrow does not read, in words, or
   * null if it is of the format {@link ExportLineWriter} writes, the only one an import reads: a
   * format that is missing or no whole number is named as such, never read as another.
   */
  public static @Nullable String unreadFormat(JsonNode header) {
    JsonNode format = header.path("format");
    String reads = ", this Burrow reads format " + ExportLineWriter.FORMAT;
    if (format.isMissingNode()) {
      return "no export format" + reads;
    }
    if (format.isIntegralNumber()
        && format.canConvertToInt()
        && format.intValue() == ExportLineWriter.FORMAT) {
      return null;
    }
    return "export format " + format + reads;
  }

  /**
   * How this description differs from {@code other} (the one recorded, say), in words, one entry
   * per difference, each giving this side's value first ("here") and then {@code other}'s
   * ("there"); empty if none does. The kind's name is not compared. A document shape is compared
   * only when both have one (a hand-written codec, or a marker too small for it, records none).
   * Costs one pass over both descriptions.
   */
  public List<String> differencesFrom(KindDescription other) {
    List<String> differences = new ArrayList<>(fields.differencesFrom(other.fields));
    if (!subdirectories.equals(other.subdirectories)) {
      differences.add(
          "the subdirectories are " + subdirectories + " here, " + other.subdirectories + " there");
    }
    if (idKind != other.idKind) {
      differences.add("the IDs are " + idKind + " here, " + other.idKind + " there");
    }
    if (shape != null && other.shape != null) {
      shapeDifferences(differences, shape.toJson(), other.shape.toJson());
    }
    return differences;
  }

  private static void shapeDifferences(List<String> differences, JsonNode here, JsonNode there) {
    for (String property : List.of("type", "unknownFields")) {
      if (!here.path(property).equals(there.path(property))) {
        differences.add(
            "the document's "
                + property
                + " is "
                + here.path(property)
                + " here, "
                + there.path(property)
                + " there");
      }
    }
    JsonNode fieldsHere = here.path("fields");
    JsonNode fieldsThere = there.path("fields");
    for (Map.Entry<String, JsonNode> field : fieldsHere.properties()) {
      JsonNode other = fieldsThere.path(field.getKey());
      if (other.isMissingNode()) {
        differences.add("field '" + field.getKey() + "' is only here");
      } else if (!field.getValue().equals(other)) {
        differences.add(
            "field '" + field.getKey() + "' is " + field.getValue() + " here, " + other + " there");
      }
    }
    for (String name : fieldsThere.propertyNames()) {
      if (!fieldsHere.has(name)) {
        differences.add("field '" + name + "' is only there");
      }
    }
  }

  /** Adds this description's fields to {@code target} (the kind marker's JSON object). */
  public ObjectNode writeTo(ObjectNode target) {
    ObjectNode fields = target.putObject("fields");
    fields.put("id", this.fields.id()).put("version", this.fields.version());
    putNullable(fields, "createdAt", this.fields.createdAt());
    putNullable(fields, "updatedAt", this.fields.updatedAt());
    ArrayNode subdirectories = target.putArray("subdirectories");
    this.subdirectories.forEach(subdirectories::add);
    target.put("kind", kind).put("idKind", idKind.name());
    if (shape != null) {
      target.set("shape", shape.toJson());
    }
    return target;
  }

  /** This description as a JSON object. */
  public String toJson() {
    return JSON.writeValueAsString(writeTo(JSON.createObjectNode()));
  }

  /**
   * Reads a description written by {@link #writeTo}; null if {@code node} holds none (a marker
   * written by an older Burrow, before the first open by this one).
   *
   * @throws IllegalArgumentException if it names an ID kind this Burrow does not know, or
   *     subdirectories no instance directory can have ({@link #subdirectories})
   */
  public static @Nullable KindDescription read(JsonNode node) {
    JsonNode fields = node.path("fields");
    if (!fields.path("id").isString() || !fields.path("version").isString()) {
      return null;
    }
    List<String> subdirectories = subdirectories(node.path("subdirectories"));
    return new KindDescription(
        node.path("kind").asString(),
        new ManagedFields(
            fields.path("id").asString(),
            fields.path("version").asString(),
            textOrNull(fields.path("createdAt")),
            textOrNull(fields.path("updatedAt"))),
        subdirectories,
        idKind(node.path("idKind").asString(IdKind.SNOWFLAKE.name())),
        node.has("shape") ? shape(node.path("shape")) : null);
  }

  /**
   * The subdirectory names {@code node} lists, checked as the annotation processor checks the ones
   * an {@code @Instance} declares: each a valid name ({@link PathSegments}), none twice; and none
   * the instance's document ({@link StoreOwned#DOCUMENT}, in any case), so that every instance
   * directory can be made with them.
   *
   * @throws IllegalArgumentException naming the field and the value otherwise
   */
  private static List<String> subdirectories(JsonNode node) {
    if (!node.isMissingNode() && !node.isArray()) {
      throw new IllegalArgumentException("its 'subdirectories' is " + node + ", not a list");
    }
    List<String> subdirectories = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode entry : node) {
      if (!entry.isString()) {
        throw new IllegalArgumentException(
            "its 'subdirectories' lists " + entry + ", which is not a name");
      }
      String name = entry.asString();
      String quoted = "\"" + PathSegments.printable(name) + "\"";
      String broken = PathSegments.brokenRule(name);
      if (broken != null) {
        throw new IllegalArgumentException(
            "its 'subdirectories' lists "
                + quoted
                + ", which is no valid subdirectory name ("
                + broken
                + ")");
      }
      if (name.equalsIgnoreCase(StoreOwned.DOCUMENT)) {
        throw new IllegalArgumentException(
            "its 'subdirectories' lists "
                + quoted
                + ", the name of the instance's document, which no subdirectory can have");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("its 'subdirectories' lists " + quoted + " twice");
      }
      subdirectories.add(name);
    }
    return subdirectories;
  }

  private static IdKind idKind(String name) {
    try {
      return IdKind.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "its 'idKind' is '" + PathSegments.printable(name) + "'", e);
    }
  }

  /**
   * The shape {@code node} records, or null if it is none this Burrow reads: an application that
   * opens the root records its own again, and until then documents are checked without it.
   */
  private static @Nullable DocumentShape shape(JsonNode node) {
    try {
      return DocumentShape.fromJson(node);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Reads a description from its JSON text ({@link #toJson()}). */
  public static @Nullable KindDescription read(String json) {
    return read(JSON.readTree(json));
  }

  private static void putNullable(ObjectNode target, String name, @Nullable String value) {
    if (value == null) {
      target.putNull(name);
    } else {
      target.put(name, value);
    }
  }

  private static @Nullable String textOrNull(JsonNode node) {
    return node.isString() ? node.asString() : null;
  }
}
