package dev.burrow.runtime.internal.transfer;

import dev.burrow.Durability;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.UnderWay;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child main, an import to be killed while it writes: {@code root documents archive bytes}. Imports
 * the export's documents and directory archive into a counter store on {@code root} with {@link
 * Durability#FSYNC}; once it has read {@code bytes} of the two together it prints {@value
 * UnderWay#LINE} and goes on importing.
 */
public final class FileImporter {
  private FileImporter() {}

  public static void main(String[] args) throws IOException {
    UnderWay progress = new UnderWay(Long.parseLong(args[3]));
    try (CounterStore store = Stores.counters(Path.of(args[0]), Durability.FSYNC);
        InputStream documents = progress.watch(Files.newInputStream(Path.of(args[1])));
        InputStream archive = progress.watch(Files.newInputStream(Path.of(args[2])))) {
      store.engine().importFrom(documents, archive);
    }
  }
}
