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
import dev.burrow.spi.InstanceSchema;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
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
            () -> StoreEngine.open(echoingSchema(), StoreOptions.defaults().withDataRoot(root)));
    assertTrue(
        e.getMessage().contains("writes 2 fields holding the ID ([id, status])"), e.getMessage());
    assertTrue(e.getMessage().contains("in exactly one field"), e.getMessage());
    assertFalse(Files.exists(root.resolve(".burrow/store.json")), "no kind was recorded");
  }

  /** The counter schema, but a fresh counter's status repeats its ID. */
  @SuppressWarnings("unchecked") // a proxy of InstanceSchema<Counter>, delegating to one
  private static InstanceSchema<Counter> echoingSchema() {
    CounterSchema counters = CounterSchema.INSTANCE;
    return (InstanceSchema<Counter>)
        Proxy.newProxyInstance(
            ManagedFieldsTest.class.getClassLoader(),
            new Class<?>[] {InstanceSchema.class},
            (proxy, method, args) ->
                method.getName().equals("fresh")
                    ? counters.fresh((String) args[0]).withStatus((String) args[0])
                    : method.invoke(counters, args));
  }
}
