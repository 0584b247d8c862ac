package dev.burrow.runtime.internal.store;

import dev.burrow.IndexedField;
import dev.burrow.spi.InstanceSchema;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The key of an indexed component's default: what documents written before the component existed
 * read as, which an index must give them. A default computed anew for each value (a Kotlin default
 * such as {@code Instant.now()}, or one that depends on the ID) has no one key: such documents are
 * then indexed by nothing, and the index does not change from one open to the next.
 *
 * @param stable whether every fresh value has the same key
 * @param key that key (null for a null default); null when not stable
 */
public record IndexDefault(boolean stable, @Nullable String key) {

  /** The default key of {@code field}, from two fresh values of {@code schema}. */
  public static <T> IndexDefault of(InstanceSchema<T> schema, IndexedField<T, ?> field) {
    @Nullable String first = field.keyOf(schema.fresh("index-default-1"));
    @Nullable String second = field.keyOf(schema.fresh("index-default-2"));
    return Objects.equals(first, second)
        ? new IndexDefault(true, first)
        : new IndexDefault(false, null);
  }
}
