package dev.burrow.runtime.internal.store;

import dev.burrow.IndexedField;
import dev.burrow.spi.InstanceSchema;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The key of an indexed component's default: what documents written before the component existed
 * read as, which an index must give them. A default computed anew for each value (a Kotlin default
 * such as {@code Instant.now()}, or one that depends on the ID, the version or the timestamps,
 * which such a document reads as its own) has no one key: such documents are then indexed by
 * nothing, and the index does not change from one open to the next.
 *
 * @param stable whether every fresh value has the same key
 * @param key that key (null for a null default); null when not stable
 */
public record IndexDefault(boolean stable, @Nullable String key) {
  /** A time that differs from the epoch in every field, from the year to the nanosecond. */
  private static final Instant LATER = Instant.parse("2001-02-03T04:05:06.007008009Z");

  /**
   * The default key of {@code field}, from two fresh values of {@code schema} whose ID, version and
   * timestamps all differ (the ID in its length too), as those of two documents do.
   */
  public static <T> IndexDefault of(InstanceSchema<T> schema, IndexedField<T, ?> field) {
    @Nullable String first =
        field.keyOf(schema.fresh("index-default-1", 1, Instant.EPOCH, Instant.EPOCH));
    @Nullable String second =
        field.keyOf(schema.fresh("second-fresh-value-2", 987_654_322, LATER, LATER));
    return Objects.equals(first, second)
        ? new IndexDefault(true, first)
        : new IndexDefault(false, null);
  }
}
