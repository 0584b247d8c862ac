package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.MisuseException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceLayout;
import dev.burrow.spi.InstanceSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The managed fields are learnt from the schema's own codec; a hand-written schema whose codec
 * writes the ID into two fields cannot say which one is the ID, and is refused as a misuse when a
 * store opens with it.
 */
class ManagedFieldsTest {
  @TempDir Path root;

  @Test
  void theCounterSchemaNamesItsIdAndVersionFields() {
    ManagedFields fields = ManagedFields.of(CounterSchema.INSTANCE);
    assertEquals("id", fields.id());
    assertEquals("version", fields.version());
  }

  @Test
  void aCodecWritingTheIdInTwoFieldsIsAMisuseNamingThemAndTheStoreDoesNotOpen() {
    MisuseException e =
        assertThrows(
            MisuseException.class,
            () ->
                StoreEngine.open(new EchoingSchema(), StoreOptions.defaults().withDataRoot(root)));
    assertTrue(
        e.getMessage().contains("writes 2 fields holding the ID ([id, status])"), e.getMessage());
    assertTrue(e.getMessage().contains("in exactly one field"), e.getMessage());
    assertFalse(Files.exists(root.resolve(".burrow/store.json")), "no kind was recorded");
  }

  /** The counter schema, but a fresh counter's status repeats its ID. */
  private static final class EchoingSchema implements InstanceSchema<Counter> {
    private final CounterSchema counters = CounterSchema.INSTANCE;

    @Override
    public Class<Counter> type() {
      return counters.type();
    }

    @Override
    public InstanceLayout layout() {
      return counters.layout();
    }

    @Override
    public InstanceCodec<Counter> codec() {
      return counters.codec();
    }

    @Override
    public String id(Counter instance) {
      return counters.id(instance);
    }

    @Override
    public long version(Counter instance) {
      return counters.version(instance);
    }

    @Override
    public @Nullable Instant createdAt(Counter instance) {
      return counters.createdAt(instance);
    }

    @Override
    public Counter fresh(String id) {
      return counters.fresh(id).withStatus(id);
    }

    @Override
    public Counter stamp(Counter instance, long version, Instant createdAt, Instant updatedAt) {
      return counters.stamp(instance, version, createdAt, updatedAt);
    }
  }
}
