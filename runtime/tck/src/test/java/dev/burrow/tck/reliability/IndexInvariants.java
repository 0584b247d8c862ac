package dev.burrow.tck.reliability;

import dev.burrow.IndexedField;
import dev.burrow.runtime.internal.index.IndexNames;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.spi.InstanceSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
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
    List<Path> documents = documents(root);
    for (IndexedField<T, ?> field : schema.indexes()) {
      Path index = root.resolve(".burrow/indexes").resolve(IndexNames.of(field.name()));
      if (!complete(index)) {
        continue;
      }
      for (Path document : documents) {
        T instance = schema.codec().decode(Files.readAllBytes(document));
        String key = field.keyOf(instance);
        Path values = index.resolve(IndexNames.ofKey(key));
        String id = schema.id(instance);
        Path entry = values.resolve(Shards.relativePath(id));
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)
            && !Files.exists(inTop(values, id), LinkOption.NOFOLLOW_LINKS)) {
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

  /** Where the entry of {@code id} is in {@code values} when it is directly in its top shard. */
  private static Path inTop(Path values, String id) {
    return values.resolve(Shards.nameOf(id, 1)).resolve(id);
  }

  /**
   * Fails unless every index of {@code schema} is marked complete and holds exactly the entries of
   * the documents on disk, each in its leaf or its top-level shard, once: what a rebuild that no
   * writer ran beside leaves.
   */
  static <T> void assertCompleteAndExact(Path root, InstanceSchema<T> schema) throws IOException {
    List<T> instances = new ArrayList<>();
    for (Path document : documents(root)) {
      instances.add(schema.codec().decode(Files.readAllBytes(document)));
    }
    for (IndexedField<T, ?> field : schema.indexes()) {
      Path index = root.resolve(".burrow/indexes").resolve(IndexNames.of(field.name()));
      if (!complete(index)) {
        throw new AssertionError("the index of '" + field.name() + "' is not marked complete");
      }
      List<Path> expected = new ArrayList<>();
      for (T instance : instances) {
        Path values = index.resolve(IndexNames.ofKey(field.keyOf(instance)));
        String id = schema.id(instance);
        Path inLeaf = values.resolve(Shards.relativePath(id));
        expected.add(Files.exists(inLeaf, LinkOption.NOFOLLOW_LINKS) ? inLeaf : inTop(values, id));
      }
      expected.sort(null);
      List<Path> found = new ArrayList<>();
      try (Stream<Path> all = Files.walk(index)) {
        all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .sorted()
            .forEach(found::add);
      }
      if (!expected.equals(found)) {
        throw new AssertionError(
            "the entries of '" + field.name() + "' are " + found + ", not " + expected);
      }
    }
  }

  /** The documents of the instances under {@code root}. */
  private static List<Path> documents(Path root) throws IOException {
    Path instances = root.resolve("instances");
    if (!Files.isDirectory(instances)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(instances)) {
      return all.filter(p -> p.getFileName().toString().equals("instance.json"))
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .toList();
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
