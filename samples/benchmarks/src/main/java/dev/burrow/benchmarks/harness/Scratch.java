package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Fresh directories for one run each, removed afterwards (also by the JMH benchmarks). */
public final class Scratch {
  private Scratch() {}

  /** A new empty directory under {@code base} whose name starts with {@code prefix}. */
  static Path directory(Path base, String prefix) {
    try {
      Files.createDirectories(base);
      return Files.createTempDirectory(base, prefix + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a directory under " + base, e);
    }
  }

  /**
   * A store of the harness's document with its root at {@code <directory>/root}, writing under
   * {@link Durability#NONE}: what the JMH benchmarks measure on.
   */
  public static BenchRunStore nonDurableStore(Path directory) {
    return BenchRunStore.open(
        StoreOptions.defaults()
            .withDataRoot(directory.resolve("root"))
            .withDurability(Durability.NONE));
  }

  /** Removes {@code top} and everything under it. */
  public static void delete(Path top) {
    try (Stream<Path> all = Files.walk(top)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + top, e);
    }
  }
}
