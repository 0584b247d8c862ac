package dev.burrow.tck.reliability;

import dev.burrow.IndexedField;
import dev.burrow.runtime.internal.index.IndexNames;
import dev.burrow.runtime.internal.shard.Shards;
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
   * must never leave (a stale entry is allowed). A store opened on the root rebuilds an index it
   * finds incomplete, never one marked complete, so this may run before or after one did.
   */
  static <T> void assertNoMissingEntries(Path root, InstanceSchema<T> schema) throws IOException {
    Path instances = root.resolve("instances");
    if (!Files.isDirectory(instances)) {
      return;
    }
    List<Path> documents;
    try (Stream<Path> all = Files.walk(instances)) {
      documents =
          all.filter(p -> p.getFileName().toString().equals("instance.json"))
              .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .toList();
    }
    for (IndexedField<T, ?> field : schema.indexes()) {
      Path index = root.resolve(".burrow/indexes").resolve(IndexNames.of(field.name()));
      if (!complete(index)) {
        continue;
      }
      for (Path document : documents) {
        T instance = schema.codec().decode(Files.readAllBytes(document));
        String key = field.keyOf(instance);
        Path entry =
            index.resolve(IndexNames.ofKey(key)).resolve(Shards.relativePath(schema.id(instance)));
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
          throw new AssertionError(
              "the index of '"
                  + field.name()
                  + "' is marked complete but has no entry for instance "
                  + schema.id(instance)
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
    if (!Files.isDirectory(index)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(index)) {
      return entries.anyMatch(p -> p.getFileName().toString().startsWith(".ready"));
    }
  }
}
