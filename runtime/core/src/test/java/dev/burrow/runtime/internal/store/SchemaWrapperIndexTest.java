package dev.burrow.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.spi.InstanceSchema;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The schema the engine hands a backend is wrapped ({@link CheckedSchema}); a wrapper that does not
 * pass on a default method, such as {@code indexes()}, silently turns it off.
 */
class SchemaWrapperIndexTest {

  @Test
  void theCheckedSchemaPassesOnEveryMethodOfTheSchemaDefaultOnesIncluded() throws Exception {
    for (Method method : InstanceSchema.class.getMethods()) {
      Method declared = CheckedSchema.class.getMethod(method.getName(), method.getParameterTypes());
      assertEquals(CheckedSchema.class, declared.getDeclaringClass(), method.toString());
    }
    CounterSchema indexed = CounterSchema.indexing(CounterSchema.STATUS, CounterSchema.COUNT);
    assertEquals(indexed.indexes(), CheckedSchema.of(indexed).indexes());
  }
}
