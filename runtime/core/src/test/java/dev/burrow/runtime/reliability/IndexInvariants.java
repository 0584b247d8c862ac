package dev.burrow.runtime.reliability;

import dev.burrow.IndexedField;
import dev.burrow.runtime.internal.index.IndexNames;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.spi.InstanceSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Raw checks of the filesystem indexes of a data root, below the store's API. */
final class IndexInvariants {
  private IndexInvariants() {}

  /**
   * Fails if an index marked complete has no entry for a document on disk: the one thing a crash
   * must never leave (a stale entry is allowed). Run it before a store opens the root, which would
   * rebuild an index it finds incomplete.
   */
  static void assertNoMissingEntries(Path root, InstanceSchema<Counter> schema) throws IOException {
    Path instances = root.resolve("instances");
    if (!Files.isDirectory(instances)) {
      return;
    }
    for (IndexedField<Counter, ?> field : schema.indexes()) {
      Path index = root.resolve(".burrow/indexes").resolve(IndexNames.of(field.name()));
      if (!complete(index)) {
        continue;
      }
      for (Path directory : list(instances)) {
        Path document = directory.resolve("instance.json");
        if (!Files.isRegularFile(document, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Counter counter = schema.codec().decode(Files.readAllBytes(document));
        String key = field.keyOf(counter);
        Path entry = index.resolve(IndexNames.ofKey(key)).resolve(counter.id());
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
          throw new AssertionError(
              "the index of '"
                  + field.name()
                  + "' is marked complete but has no entry for instance "
                  + counter.id()
                  + " = '"
                  + key
                  + "' ("
                  + entry
                  + ")");
        }
      }
    }
  }

  private static boolean complete(Path index) throws IOException {
    return Files.isDirectory(index)
        && list(index).stream().anyMatch(p -> p.getFileName().toString().startsWith(".ready"));
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList();
    }
  }
}
