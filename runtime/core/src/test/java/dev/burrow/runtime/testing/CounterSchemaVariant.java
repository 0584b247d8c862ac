package dev.burrow.runtime.testing;

import dev.burrow.IndexedField;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceLayout;
import dev.burrow.spi.InstanceSchema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A counter schema that is {@code base} in everything a subclass does not override: its own codec,
 * so that a subclass changes how documents read (a default for a missing field) by overriding
 * {@link #decode}, and what is fresh by overriding {@link #fresh(String)}.
 */
public abstract class CounterSchemaVariant
    implements InstanceSchema<Counter>, InstanceCodec<Counter> {
  private final CounterSchema base;

  protected CounterSchemaVariant(CounterSchema base) {
    this.base = base;
  }

  /** The schema this one varies. */
  protected final CounterSchema base() {
    return base;
  }

  @Override
  public Class<Counter> type() {
    return base.type();
  }

  @Override
  public InstanceLayout layout() {
    return base.layout();
  }

  @Override
  public InstanceCodec<Counter> codec() {
    return this;
  }

  @Override
  public String id(Counter instance) {
    return base.id(instance);
  }

  @Override
  public long version(Counter instance) {
    return base.version(instance);
  }

  @Override
  public @Nullable Instant createdAt(Counter instance) {
    return base.createdAt(instance);
  }

  @Override
  public Counter fresh(String id) {
    return base.fresh(id);
  }

  @Override
  public Counter stamp(Counter instance, long version, Instant createdAt, Instant updatedAt) {
    return base.stamp(instance, version, createdAt, updatedAt);
  }

  @Override
  public List<IndexedField<Counter, ?>> indexes() {
    return base.indexes();
  }

  @Override
  public byte[] encode(Counter instance) {
    return base.encode(instance);
  }

  @Override
  public Counter decode(byte[] json) {
    return base.decode(json);
  }
}
