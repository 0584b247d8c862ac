package dev.burrow.runtime.testing;

import dev.burrow.IndexedField;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceLayout;
import dev.burrow.spi.InstanceSchema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link CounterSchema} (same kind, same documents) with some of its components indexed, as a
 * generated schema with {@code @Indexed} components would declare them.
 */
public final class IndexedCounterSchema implements InstanceSchema<Counter> {
  /** {@link Counter#status()}, indexed. */
  public static final IndexedField<Counter, String> STATUS =
      IndexedField.of("status", Counter::status, status -> status);

  /** {@link Counter#count()}, indexed. */
  public static final IndexedField<Counter, Long> COUNT =
      IndexedField.of("count", Counter::count, String::valueOf);

  private final List<IndexedField<Counter, ?>> indexes;

  private IndexedCounterSchema(List<IndexedField<Counter, ?>> indexes) {
    this.indexes = indexes;
  }

  /** The counter schema indexing {@code indexes} (none: the plain schema's behaviour). */
  @SafeVarargs
  public static IndexedCounterSchema of(IndexedField<Counter, ?>... indexes) {
    return new IndexedCounterSchema(List.of(indexes));
  }

  @Override
  public List<IndexedField<Counter, ?>> indexes() {
    return indexes;
  }

  @Override
  public Class<Counter> type() {
    return Counter.class;
  }

  @Override
  public InstanceLayout layout() {
    return CounterSchema.INSTANCE.layout();
  }

  @Override
  public InstanceCodec<Counter> codec() {
    return CounterSchema.INSTANCE.codec();
  }

  @Override
  public String id(Counter instance) {
    return instance.id();
  }

  @Override
  public long version(Counter instance) {
    return instance.version();
  }

  @Override
  public @Nullable Instant createdAt(Counter instance) {
    return instance.createdAt();
  }

  @Override
  public Counter fresh(String id) {
    return CounterSchema.INSTANCE.fresh(id);
  }

  @Override
  public Counter stamp(Counter instance, long version, Instant createdAt, Instant updatedAt) {
    return CounterSchema.INSTANCE.stamp(instance, version, createdAt, updatedAt);
  }
}
