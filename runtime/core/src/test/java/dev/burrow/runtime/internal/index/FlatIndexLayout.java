package dev.burrow.runtime.internal.index;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Index directories as Burrow before sharded entries (layout 1) left them, for upgrade tests. */
public final class FlatIndexLayout {
  private FlatIndexLayout() {}

  /**
   * Turns the sharded index in {@code index} into the flat layout 1: each entry directly in its
   * value directory, no shards, the ready marker named {@code .ready} and the default.
   */
  public static void flatten(Path index) throws IOException {
    List<Path> entries;
    try (Stream<Path> all = Files.walk(index)) {
      entries = all.filter(Files::isRegularFile).toList();
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.startsWith(FieldIndex.READY)) {
        Files.move(entry, index.resolve(".ready" + name.substring(FieldIndex.READY.length())));
      } else {
        Files.move(entry, FieldIndex.directoriesOf(entry).get(1).resolve(name));
      }
    }
    List<Path> shards = new ArrayList<>();
    try (Stream<Path> all = Files.walk(index)) {
      all.filter(Files::isDirectory)
          .filter(d -> d.getFileName().toString().indexOf('@') >= 0)
          .forEach(shards::add);
    }
    shards.sort((a, b) -> b.getNameCount() - a.getNameCount());
    for (Path shard : shards) {
      Files.delete(shard);
    }
    try (Stream<Path> all = Files.walk(index)) {
      assertFalse(all.anyMatch(p -> p.getFileName().toString().indexOf('@') >= 0));
    }
  }
}
