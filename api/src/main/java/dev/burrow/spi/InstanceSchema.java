package dev.burrow.spi;

import dev.burrow.IndexedField;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the runtime needs to store one kind of instance: its identity accessors, its managed
 * fields, fresh defaults, its codec and its on-disk layout.
 *
 * <p>Implementations must be stateless and thread-safe; the runtime calls them from many threads at
 * once.
 *
 * @param <T> the instance type, usually a record
 */
public interface InstanceSchema<T> {

  /** The instance type. */
  Class<T> type();

  /** Name, subdirectories, data root and ID kind. */
  InstanceLayout layout();

  /** Reads and writes documents of this type. */
  InstanceCodec<T> codec();

  /** The value's {@code @InstanceId}. */
  String id(T instance);

  /** The value's {@code @Version}. */
  long version(T instance);

  /** The value's {@code @CreatedAt}, or null if the type declares none. */
  @Nullable Instant createdAt(T instance);

  /**
   * A fresh value with the given ID, every other component at its default and version 0. Every call
   * returns an independent value: no mutable object is shared between two results.
   */
  T fresh(String id);

  /**
   * A fresh value as a create stores it: the given ID, version and timestamps, and every other
   * component at the default computed with them, so that a default derived from a managed component
   * (a Kotlin default such as {@code = version}) sees the value the instance holds. Every call
   * returns an independent value, as {@link #fresh(String)} does.
   *
   * <p>The default stamps {@link #fresh(String)}; a schema whose defaults depend on managed
   * components overrides it.
   */
  default T fresh(String id, long version, Instant createdAt, Instant updatedAt) {
    return stamp(fresh(id), version, createdAt, updatedAt);
  }

  /**
   * A copy of {@code instance} with the managed fields replaced: version, created-at and updated-at
   * (components the type does not declare are ignored). The ID is kept.
   */
  T stamp(T instance, long version, Instant createdAt, Instant updatedAt);

  /**
   * The {@code @Indexed} components, whose values backends index so that {@link
   * StorageBackend#query} reads only matching documents; none by default. Names are distinct.
   */
  default List<IndexedField<T, ?>> indexes() {
    return List.of();
  }
}
