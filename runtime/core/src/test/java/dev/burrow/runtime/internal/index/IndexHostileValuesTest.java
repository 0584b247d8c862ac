package dev.burrow.runtime.internal.index;

import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.Query;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.HostileNames;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values are keys of file names on the filesystem backend: every value a String can hold, the
 * hostile-ID list and values longer than a file name included, stays one entry inside the index and
 * finds exactly its instance.
 */
class IndexHostileValuesTest {
  @TempDir Path parent;

  @Test
  void everyValueIsOneEntryInsideTheIndexAndFindsExactlyItsInstance() throws IOException {
    Path root = parent.resolve("root");
    Map<String, String> idOf = new LinkedHashMap<>();
    try (CounterStore store =
        Stores.counters(root, Durability.NONE, CounterSchema.indexing(STATUS))) {
      for (String value : HostileNames.values()) {
        idOf.put(value, store.create(c -> c.withStatus(value)).id());
      }
      for (Map.Entry<String, String> entry : idOf.entrySet()) {
        Query<Counter> query = store.where(STATUS.equalTo(entry.getKey()));
        assertEquals(
            List.of(entry.getValue()),
            query.list().stream().map(Counter::id).toList(),
            () -> "value '" + entry.getKey().replace("\0", "\\0") + "'");
        assertEquals(1, query.count());
      }
    }
    Path status = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
    try (Stream<Path> all = Files.walk(parent)) {
      List<Path> entries =
          all.filter(Files::isRegularFile)
              .filter(p -> p.startsWith(status))
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .toList();
      assertEquals(idOf.size(), entries.size(), "one entry per instance");
      for (Path entry : entries) {
        Path values = FieldIndex.directoriesOf(entry).get(1);
        assertEquals(status, values.getParent(), entry.toString());
        assertTrue(values.getFileName().toString().length() <= 126);
      }
    }
    try (Stream<Path> top = Files.list(parent)) {
      assertEquals(List.of(root), top.toList(), "nothing was written beside the root");
    }
  }
}
