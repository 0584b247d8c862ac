package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.files.StoreOwned;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.fs.Trees;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 *                                          16 stripes {@code 0}..{@code f} ({@link #graveFor})
 * &lt;root&gt;/.burrow/indexes/&lt;component&gt;/      the index of an {@code @Indexed} component
 * &lt;root&gt;/.burrow/journal/&lt;random&gt;.log      index entries not yet flushed in place ({@code IndexJournal})
 * &lt;root&gt;/.burrow/tmp/                        temporary files ({@link TempFiles})
 * &lt;root&gt;/.burrow/quarantine/&lt;name&gt;~&lt;random&gt;/  what a repair moved out of instances/
 * </pre>
 */
final class FileLayout {
  static final String DOCUMENT = StoreOwned.DOCUMENT;

  /** How many directories of the trash deleted instances are spread over ({@link #graveFor}). */
  static final int TRASH_STRIPES = 16;

  private static final String STRIPE_NAMES = "0123456789abcdef";

  private static final char SUFFIX_SEPARATOR = '~';

  private final Path root;
  private final Path instances;
  private final Path bookkeeping;
  private final TempFiles temps;

  private FileLayout(Path root) {
    this.root = root;
    this.instances = root.resolve("instances");
    this.bookkeeping = root.resolve(".burrow");
    this.temps = TempFiles.forRoot(root);
  }

  /** The layout under {@code root}, creating and checking nothing: for reading what is there. */
  static FileLayout at(Path root) {
    return new FileLayout(root.toAbsolutePath().normalize());
  }

  /**
   * Creates (owner-only) or checks the layout under {@code root}. Directories it creates are made
   * durable under {@link Durability#FSYNC}.
   *
   * @throws StorageException if the root cannot be created or written
   * @throws BurrowException if {@code instances/} or {@code .burrow/} is a symbolic link
   */
  static FileLayout prepare(Path root, Durability durability) {
    FileLayout layout = at(root);
    OwnerOnly.createDirectories(layout.root, durability);
    for (Path dir :
        new Path[] {
          layout.instances,
          layout.bookkeeping,
          layout.staging(),
          layout.trash(),
          layout.indexes(),
          layout.lockFile().getParent()
        }) {
      if (Files.isSymbolicLink(dir)) {
        throw new BurrowException(
            dir + " is a symbolic link; Burrow refuses to follow links" + " inside its data root");
      }
      OwnerOnly.createDirectories(dir, durability);
    }
    layout.makeTrashStripes(durability);
    if (!Files.isWritable(layout.root)) {
      throw new StorageException("data root " + layout.root + " is not writable", null);
    }
    return layout;
  }

  /**
   * Makes the stripes of the trash ({@link #graveFor}) where nothing is in their place, each
   * flushed into the trash under {@link Durability#FSYNC} (16 directory flushes, once per root), so
   * that a delete finds its stripe (a delete makes one again if it is gone). Something else in a
   * stripe's place is left for the sweep, which removes it, and for {@link #makeTrashStripe}, which
   * refuses a link.
   *
   * @throws StorageException if a stripe cannot be made or the trash cannot be flushed
   */
  private void makeTrashStripes(Durability durability) {
    for (int i = 0; i < TRASH_STRIPES; i++) {
      Path stripe = trash().resolve(STRIPE_NAMES.substring(i, i + 1));
      try {
        if (SafeFiles.lstat(stripe) == null) {
          OwnerOnly.createDirectory(stripe, durability);
        }
      } catch (FileAlreadyExistsException e) {
        // something else was put there meanwhile: the sweep removes it
      } catch (IOException e) {
        throw new StorageException("cannot make " + stripe + ": " + e, e);
      }
    }
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

  Path trash() {
    return bookkeeping.resolve("trash");
  }

  /**
   * A fresh place in the trash for the tree of {@code id}: {@code .burrow/trash/<s>/<id>~<random>},
   * in one of {@link #TRASH_STRIPES} stripes picked at random. A rename into a directory and a
   * removal from it each hold that directory's lock in the kernel, so deletes on many threads (and
   * the removal of their trees behind them) spread over the stripes instead of all waiting for one
   * directory. The stripes are made at open; one removed since is made again by {@link
   * #makeTrashStripe}.
   */
  Path graveFor(String id) {
    int stripe = ThreadLocalRandom.current().nextInt(TRASH_STRIPES);
    return uniqueEntry(trash().resolve(STRIPE_NAMES.substring(stripe, stripe + 1)), id);
  }

  /**
   * Whether {@code entry} of the trash is named like one of its stripes (see {@link #graveFor}).
   */
  static boolean isTrashStripeName(Path entry) {
    String name = entry.getFileName().toString();
    return name.length() == 1 && STRIPE_NAMES.indexOf(name.charAt(0)) >= 0;
  }

  /**
   * Makes the trash stripe {@code stripe} (and the trash) where missing, as owner-only directories,
   * flushing their parents under {@link Durability#FSYNC}; refuses a link or a file in its place.
   *
   * @throws BurrowException if the stripe, or a directory on the way to it, is a link or a file
   */
  void makeTrashStripe(Path stripe, Durability durability) throws IOException {
    try {
      checkWay(stripe);
    } catch (NoSuchFileException e) {
      checkWay(trash());
      makeDirectory(trash(), durability);
    }
    makeDirectory(stripe, durability);
  }

  private void makeDirectory(Path directory, Durability durability) throws IOException {
    try {
      OwnerOnly.createDirectory(directory, durability);
    } catch (FileAlreadyExistsException e) {
      checkDirectory(directory);
      throw e;
    }
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

  /**
   * Checks, right before use, that the directories between the root and {@code path} are real
   * directories (see {@link SafeFiles#checkWay}).
   *
   * @throws BurrowException if one of them is a symbolic link or not a directory
   * @throws NoSuchFileException if one of them is missing
   */
  void checkWay(Path path) throws IOException {
    try {
      SafeFiles.checkWay(root, path);
    } catch (SafeFiles.RefusedFileException e) {
      throw refused(e);
    }
  }

  /**
   * Checks, right before use, that {@code directory} and the directories between the root and it
   * are real directories (see {@link SafeFiles#checkDirectory}).
   *
   * @throws BurrowException if one of them is a symbolic link or not a directory
   * @throws NoSuchFileException if one of them is missing
   */
  void checkDirectory(Path directory) throws IOException {
    try {
      SafeFiles.checkDirectory(root, directory);
    } catch (SafeFiles.RefusedFileException e) {
      throw refused(e);
    }
  }

  /**
   * Removes the tree at {@code path} below the root, unless a directory on its way was swapped for
   * a link (then it is left for a later sweep, which checks again). Never fails.
   */
  void deleteQuietly(Path path) {
    try {
      checkWay(path);
    } catch (IOException | BurrowException e) {
      return;
    }
    Trees.deleteQuietly(path);
  }

  /** Burrow's refusal to use one of its own paths that was planted. */
  static BurrowException refused(SafeFiles.RefusedFileException e) {
    return new BurrowException(
        e.path() + ": " + e.reason() + "; Burrow refuses to use a planted path in its data root");
  }
}
