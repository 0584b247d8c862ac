package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.Durability;
import dev.burrow.MisuseException;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export, an import or a copy whose store is closed while it runs stops with the refusal every
 * other use of a closed store gets, instead of going on reading and writing through it.
 */
class ClosedStoreTransfersTest {
  @TempDir Path source;
  @TempDir Path target;

  @Test
  void anExportStopsOnceItsStoreIsClosed() {
    CounterStore store = filled(source);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    FilterOutputStream closingOnFirstWrite =
        new FilterOutputStream(written) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            store.close();
            out.write(b, off, len);
          }
        };

    assertThrows(MisuseException.class, () -> store.engine().exportTo(closingOnFirstWrite, null));
    assertFalse(written.toString(StandardCharsets.UTF_8).contains("\"end\":true"));
  }

  @Test
  void anImportStopsOnceItsStoreIsClosed() {
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    try (CounterStore filled = filled(source)) {
      filled.engine().exportTo(export, null);
    }
    CounterStore store = Stores.counters(target, Durability.NONE);
    FilterInputStream closingOnFirstRead =
        new FilterInputStream(new ByteArrayInputStream(export.toByteArray())) {
          @Override
          public int read() throws IOException {
            store.close();
            return in.read();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            store.close();
            return in.read(b, off, len);
          }
        };

    assertThrows(MisuseException.class, () -> store.engine().importFrom(closingOnFirstRead, null));
    try (CounterStore again = Stores.counters(target, Durability.NONE)) {
      assertEquals(List.of(), again.list());
    }
  }

  @Test
  void aCopyStopsOnceItsTargetIsClosed() {
    try (CounterStore from = filled(source)) {
      CounterStore to = Stores.counters(target, Durability.NONE);

      assertThrows(MisuseException.class, () -> from.engine().copyTo(to.engine(), to::close));
      try (CounterStore again = Stores.counters(target, Durability.NONE)) {
        assertEquals(1, again.list().size());
      }
    }
  }

  private static CounterStore filled(Path root) {
    CounterStore store = Stores.counters(root, Durability.NONE);
    store.create("c1");
    store.create("c2");
    store.create("c3");
    return store;
  }
}
