package dev.burrow.runtime.internal.transfer;

import dev.burrow.MisuseException;
import dev.burrow.spi.InstanceSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON field names of a kind's managed components: its ID, its version, and its created-at and
 * updated-at timestamps (null where the kind declares none). An export or import of raw documents
 * needs nothing else.
 */
public record ManagedFields(
    String id, String version, @Nullable String createdAt, @Nullable String updatedAt) {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PROBE_ID = "burrow-field-probe";
  private static final long PROBE_VERSION = 7_340_032_123L;
  private static final Instant PROBE_CREATED = Instant.ofEpochSecond(1_000_000_007L, 123_456_789);
  private static final Instant PROBE_UPDATED = Instant.ofEpochSecond(1_000_000_011L, 987_654_321);

  /**
   * Learns the names from the schema's own codec: a probe value with an unmistakable ID, version
   * and timestamps is encoded, and each managed field is the one field holding its probe value. So
   * every schema, generated or written by hand, describes itself the same way.
   *
   * @throws MisuseException if the codec writes no field, or two fields, for the ID or version
   */
  public static ManagedFields of(InstanceSchema<?> schema) {
    return probe(schema);
  }

  private static <T> ManagedFields probe(InstanceSchema<T> schema) {
    T value = schema.stamp(schema.fresh(PROBE_ID), PROBE_VERSION, PROBE_CREATED, PROBE_UPDATED);
    JsonNode document = JSON.readTree(schema.codec().encode(value));
    List<String> ids = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : document.properties()) {
      JsonNode node = field.getValue();
      if (node.isString() && node.asString().equals(PROBE_ID)) {
        ids.add(field.getKey());
      } else if (Long.valueOf(PROBE_VERSION).equals(RawSchema.wholeNumber(node))) {
        versions.add(field.getKey());
      } else if (node.isString() && PROBE_CREATED.toString().equals(node.asString())) {
        created.add(field.getKey());
      } else if (node.isString() && PROBE_UPDATED.toString().equals(node.asString())) {
        updated.add(field.getKey());
      }
    }
    String kind = schema.layout().name();
    return new ManagedFields(
        single(ids, "ID", kind),
        single(versions, "version", kind),
        atMostOne(created),
        atMostOne(updated));
  }

  /**
   * How this kind's managed fields differ from {@code other}'s, in words, one entry per field that
   * differs (such as {@code the ID is in field 'key', not 'id'}); empty if none does.
   */
  public List<String> differencesFrom(ManagedFields other) {
    List<String> differences = new ArrayList<>();
    difference(differences, "the ID", id, other.id);
    difference(differences, "the version", version, other.version);
    difference(differences, "the creation time", createdAt, other.createdAt);
    difference(differences, "the update time", updatedAt, other.updatedAt);
    return differences;
  }

  private static void difference(
      List<String> differences, String what, @Nullable String field, @Nullable String other) {
    if (!Objects.equals(field, other)) {
      differences.add(what + " is " + inField(field) + ", not " + inField(other));
    }
  }

  private static String inField(@Nullable String field) {
    return field == null ? "in no field" : "in field '" + field + "'";
  }

  private static String single(List<String> names, String what, String kind) {
    if (names.size() != 1) {
      throw new MisuseException(
          "the codec of kind '"
              + kind
              + "' writes "
              + names.size()
              + " fields holding the "
              + what
              + " ("
              + names
              + "); a schema's codec must write the "
              + what
              + " in exactly one field");
    }
    return names.get(0);
  }

  private static @Nullable String atMostOne(List<String> names) {
    return names.size() == 1 ? names.get(0) : null;
  }
}
