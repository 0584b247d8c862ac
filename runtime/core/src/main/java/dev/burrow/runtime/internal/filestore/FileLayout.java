package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.files.StoreOwned;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SpreadDirectories;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where everything lives under a data root. Instance data is under {@code instances/}, in two
 * levels of shards named after a prefix of the ID ({@link Shards}); Burrow's own files are under
 * {@code .burrow/}, which is never listed as an instance:
 *
 * <pre>
 * &lt;root&gt;/instances/&lt;top&gt;/&lt;leaf&gt;/&lt;id&gt;/instance.json    the document
 * &lt;root&gt;/instances/&lt;top&gt;/&lt;leaf&gt;/&lt;id&gt;/&lt;subdirectory&gt;/  declared subdirectories
 * &lt;root&gt;/.burrow/store.json                 the kind and the layout version ({@link KindMarker})
 * &lt;root&gt;/.burrow/locks/instances.lock      byte-range locks, one byte per instance
 * &lt;root&gt;/.burrow/staging/&lt;id&gt;~&lt;random&gt;/   an instance being created
 * &lt;root&gt;/.burrow/trash/&lt;s&gt;/&lt;id&gt;~&lt;random&gt;/ a deleted instance being removed, in one of
 *                                          16 stripes {@code 0}..{@code f} ({@link Trash})
 * &lt;root&gt;/.burrow/indexes/&lt;component&gt;/      the index of an {@code @Indexed} component
 * &lt;root&gt;/.burrow/indexes/&lt;component&gt;/&lt;value&gt;/&lt;top&gt;/&lt;leaf&gt;/&lt;id&gt;  one entry, in the
 *                                          instance's shards ({@code FieldIndex}), or directly
 *                                          in its top shard: &lt;value&gt;/&lt;top&gt;/&lt;id&gt;
 * &lt;root&gt;/.burrow/journal/&lt;random&gt;.log      index entries not yet flushed in place ({@code IndexJournal})
 * &lt;root&gt;/.burrow/tmp/                        temporary files ({@link TempFiles})
 * &lt;root&gt;/.burrow/quarantine/&lt;name&gt;~&lt;random&gt;/  what a repair moved out of instances/
 * &lt;root&gt;/.burrow/spread                    empty: staging and tmp were marked ({@link SpreadDirectories})
 * </pre>
 */
final class FileLayout {
  static final String DOCUMENT = StoreOwned.DOCUMENT;

  private static final char SUFFIX_SEPARATOR = '~';

  private final Path root;
  private final CheckedPaths paths;
  private final Path instances;
  private final Path bookkeeping;
  private final Trash trash;
  private final TempFiles temps;

  private FileLayout(Path root) {
    this.root = root;
    this.paths = new CheckedPaths(root);
    this.instances = root.resolve("instances");
    this.bookkeeping = root.resolve(".burrow");
    this.trash = new Trash(paths);
    this.temps = TempFiles.forRoot(root);
  }

  /** The layout under {@code root}, creating and checking nothing: for reading what is there. */
  static FileLayout at(Path root) {
    return new FileLayout(root.toAbsolutePath().normalize());
  }

  /**
   * Creates (owner-only) or checks the layout under {@code root}. Directories it creates are made
   * durable under {@link Durability#FSYNC}; none is made through a link. The staging and temporary
   * areas, where every instance directory and document file is made, are marked for spreading once
   * per root ({@link SpreadDirectories}, recorded in {@code .burrow/spread}).
   *
   * @throws StorageException if the root cannot be created or written
   * @throws BurrowException if {@code instances/}, {@code .burrow/} or a directory of Burrow's in
   *     it is a symbolic link or not a directory
   */
  static FileLayout prepare(Path root, Durability durability) {
    FileLayout layout = at(root);
    OwnerOnly.createDirectories(layout.root, durability);
    for (Path dir :
        new Path[] {
          layout.instances,
          layout.bookkeeping,
          layout.staging(),
          layout.temps.area(),
          layout.trash.directory(),
          layout.indexes(),
          layout.lockFile().getParent()
        }) {
      try {
        layout.paths.makeDirectories(dir, durability);
      } catch (IOException e) {
        throw new StorageException(
            "cannot create directory " + dir + ": " + Failures.describe(e), e);
      }
    }
    Path spread = layout.bookkeeping.resolve("spread");
    try {
      layout.paths.checkWay(spread);
    } catch (IOException e) {
      throw new StorageException(
          "cannot check the way to " + spread + ": " + Failures.describe(e), e);
    }
    SpreadDirectories.markOnce(spread, List.of(layout.staging(), layout.temps.area()));
    layout.trash.makeStripes(durability);
    if (!Files.isWritable(layout.root)) {
      throw new StorageException("data root " + layout.root + " is not writable", null);
    }
    return layout;
  }

  Path root() {
    return root;
  }

  Path instances() {
    return instances;
  }

  Path bookkeeping() {
    return bookkeeping;
  }

  /** The temporary area: {@code .burrow/tmp/}, one directory per live process. */
  TempFiles temps() {
    return temps;
  }

  Path staging() {
    return bookkeeping.resolve("staging");
  }

  /** The trash, {@code .burrow/trash/}, where deleted instances are removed from. */
  Trash trash() {
    return trash;
  }

  /** Burrow's paths below the root, checked right before each use. */
  CheckedPaths paths() {
    return paths;
  }

  /** Where damaged instances are moved by a repair, kept, and never listed. */
  Path quarantine() {
    return bookkeeping.resolve("quarantine");
  }

  /** The indexes of {@code @Indexed} components, one directory each. */
  Path indexes() {
    return bookkeeping.resolve("indexes");
  }

  Path lockFile() {
    return InstanceLocks.lockFile(root);
  }

  /**
   * The instance's directory, in its shards; {@code id} must pass {@link PathSegments}, so it stays
   * inside the root.
   */
  Path instanceDirectory(String id) {
    return instances.resolve(Shards.relativePath(id));
  }

  /** The instance's document, {@code <instance directory>/instance.json}. */
  Path document(String id) {
    return instances.resolve(Shards.relativePath(id) + '/' + DOCUMENT);
  }

  /** A fresh name in {@code parent} for work on {@code id}: {@code <id>~<random hex>}. */
  static Path uniqueEntry(Path parent, String id) {
    return parent.resolve(
        id + SUFFIX_SEPARATOR + Long.toHexString(ThreadLocalRandom.current().nextLong()));
  }

  /** The ID an entry made by {@link #uniqueEntry} belongs to. */
  static String idOfEntry(Path entry) {
    String name = entry.getFileName().toString();
    int separator = name.lastIndexOf(SUFFIX_SEPARATOR);
    return separator < 0 ? name : name.substring(0, separator);
  }

  /** Whether {@code path} exists, without following a symbolic link. */
  static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  /** {@link CheckedPaths#checkWay} below this root. */
  void checkWay(Path path) throws IOException {
    paths.checkWay(path);
  }

  /** {@link CheckedPaths#checkDirectory} below this root. */
  void checkDirectory(Path directory) throws IOException {
    paths.checkDirectory(directory);
  }

  /** {@link CheckedPaths#deleteQuietly} below this root. */
  void deleteQuietly(Path path) {
    paths.deleteQuietly(path);
  }
}
