package dev.burrow.runtime.internal.transfer;

import dev.burrow.Durability;
import dev.burrow.ImportSummary;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Imports into a counters root the way the CLI does, handing each skipped entry to the test. */
final class CounterImports {
  private CounterImports() {}

  static ImportSummary importInto(
      Path root, InputStream lines, InputStream archive, Consumer<Skipped> skipped)
      throws IOException {
    try (FileSystemBackend<Counter> backend =
        FileSystemBackend.open(
            CounterSchema.INSTANCE,
            root,
            StoreOptions.defaults().withDurability(Durability.NONE))) {
      return Importer.importInto(
          new TransferView<>(CounterSchema.INSTANCE, backend, Stores.host(root)),
          lines,
          archive,
          skipped);
    }
  }
}
