package dev.burrow.runtime.internal.index;

import dev.burrow.DamagedDataException;
import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.DirectoryListing;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.Parents;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.SafeFiles.RefusedFileException;
import dev.burrow.runtime.internal.shard.InstanceWalk;
import dev.burrow.runtime.internal.shard.ShardDirectories;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.runtime.internal.store.IndexDefault;
import dev.burrow.runtime.internal.store.SortKey;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The index of one {@code @Indexed} component: a directory with one subdirectory per value ({@link
 * IndexNames}), holding one empty entry per instance, named by its ID, in the two levels of shards
 * instance directories live in ({@link Shards}). So a finder walks a value's entries newest first
 * from any position, listing a few shards, whatever the number of instances with that value.
 *
 * <pre>
 * &lt;field&gt;/.ready2=&lt;default&gt;                    complete: every document had its entry when written
 * &lt;field&gt;/.unmaintained                        but a process whose schema does not index the
 *                                             component wrote a document since: incomplete
 * &lt;field&gt;/&lt;value&gt;/&lt;top&gt;/&lt;leaf&gt;/&lt;id&gt;          an entry (a hint: the document may have moved on)
 * &lt;field&gt;/&lt;value&gt;/&lt;top&gt;/&lt;id&gt;                 or one directly in its top-level shard
 * </pre>
 *
 * <p>Where a new entry goes, in its leaf or directly in its top-level shard, is {@link
 * EntryPlacement}'s choice: the top-level shard while this process has put few entries of the value
 * in the leaf, so that entries of instances made slowly, each alone in a leaf, share the flush of
 * their top-level shard. Finders read both places ({@link InstanceWalk#ofIndexValues}); an entry is
 * removed from both.
 *
 * <p>The {@code 2} of the ready marker is the entries' layout. Burrow before sharding (layout 1)
 * kept entries directly in the value directory and named its marker {@code .ready} and the default:
 * such an index is incomplete to this version, so it is rebuilt before its first use, and the
 * rebuild removes the entries of layout 1. Shards are made when their first entry is added and
 * removed when their last one is, so a value's directory does not fill with empty shards as
 * instances move on to other values.
 *
 * <p>The ready marker names the key of the component's default ({@link IndexDefault}; {@code ~}
 * when it has none), which documents written before the component existed read as: when the default
 * changes, those documents change value and the index is rebuilt. Paths are checked without
 * following links before use; a value directory that is not a directory (a planted link, a file) is
 * removed and the index marked incomplete. Which instance belongs under which value is the caller's
 * to say ({@link FileIndexes}): this class only keeps the directories.
 */
final class FieldIndex {
  /** The start of a ready marker's name; the rest names the default's value directory. */
  static final String READY = ".ready2";

  /** The start of every ready marker's name, of this layout or an older one. */
  private static final String ANY_READY = ".ready";

  /**
   * The mark a process leaves in an index its schema does not declare (another schema's, or every
   * index under a raw schema) before each document it writes: the index is incomplete while it is
   * there, whatever its ready marker says, and a rebuild removes it before it reads the documents.
   */
  static final String UNMAINTAINED = ".unmaintained";

  /** What a ready marker names when the component's default has no one key. */
  static final String NO_ONE_KEY = "~";

  private final Path dataRoot;
  private final Path directory;
  private final String readyName;
  private final Durability durability;
  private final EntryPlacement placement;

  /**
   * The index in {@code directory}, inside {@code dataRoot}, whose ready marker is {@code
   * readyName} ({@link #readyName(IndexDefault)}), whose new entries may go directly in their
   * top-level shards ({@link EntryPlacement}) only if {@code topsRecorded}: the root's marker
   * records that layout ({@link FileIndexes#mayKeepEntriesInTops}); otherwise each goes into its
   * leaf.
   */
  FieldIndex(Path dataRoot, Path directory, String readyName, Durability d, boolean topsRecorded) {
    this.dataRoot = dataRoot;
    this.directory = directory;
    this.readyName = readyName;
    this.durability = d;
    this.placement = new EntryPlacement(d, topsRecorded);
  }

  /** The name of the ready marker of an index whose component's default is {@code byDefault}. */
  static String readyName(IndexDefault byDefault) {
    return READY + (byDefault.stable() ? IndexNames.ofKey(byDefault.key()) : NO_ONE_KEY);
  }

  /**
   * The name of the ready marker in {@code directory} (never following a link), which names the
   * component's default, or null if it has none: the index is incomplete. The {@link #UNMAINTAINED}
   * mark, which makes it incomplete too, is not looked at: {@link #ready()} tells.
   */
  static @Nullable String readyMarker(Path directory) throws IOException {
    for (Path marker : DirectoryListing.entries(directory, READY + "*")) {
      BasicFileAttributes attributes = attributes(marker);
      if (attributes != null && attributes.isRegularFile()) {
        return marker.getFileName().toString();
      }
    }
    return null;
  }

  /**
   * Whether the index in {@code directory}, if complete, keeps an entry directly in a top-level
   * shard ({@link #isInTop}), as only a store that may keep entries there puts one: an entry a
   * Burrow of the layout before would take for a stray and remove. An incomplete index is rebuilt
   * before its next use, so what it holds is not looked at. Never follows a link. Cost: a listing
   * of the index, of each of its value directories and of each of their top-level shards.
   */
  static boolean keepsEntriesInTops(Path directory) throws IOException {
    if (readyMarker(directory) == null) {
      return false;
    }
    for (Path values : DirectoryListing.entries(directory)) {
      if (isDirectory(values)) {
        for (Path top : DirectoryListing.entries(values)) {
          if (Shards.parse(String.valueOf(top.getFileName()), 1) != null
              && isDirectory(top)
              && DirectoryListing.entries(top).stream()
                  .anyMatch(entry -> !isDirectory(entry) && isInTop(entry))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isDirectory(Path path) {
    BasicFileAttributes attributes = attributes(path);
    return attributes != null && attributes.isDirectory();
  }

  /**
   * Removes what stands in place of a ready marker in {@code directory} but is no file (a planted
   * link, never followed, a FIFO, a socket, a device, a directory), telling {@code removed} of it,
   * or handing it to {@code keep} if it is a directory with entries ({@link #clear}), and returns
   * its name, which names the component's default as the marker's does; null if there is none. A
   * store never takes it for the marker: the index is incomplete either way.
   */
  static @Nullable String removePlantedMarker(
      Path directory, Consumer<Path> removed, Predicate<Path> keep) throws IOException {
    String name = null;
    for (Path marker : DirectoryListing.entries(directory, READY + "*")) {
      BasicFileAttributes attributes = attributes(marker);
      if (attributes != null
          && !attributes.isRegularFile()
          && clear(marker, attributes, removed, keep)) {
        name = name == null ? marker.getFileName().toString() : name;
      }
    }
    return name;
  }

  /**
   * What is at {@code path} ({@code attributes}, from an {@code lstat}) in words, if it is no entry
   * file, which an index entry must be: an empty regular file with one name. A link, a FIFO, a
   * socket, a device or a directory is none; nor is a hard link (a second name of a file that may
   * be outside the data root, which Burrow never writes through) or a file with content (no entry
   * Burrow wrote; a sparse one may claim gigabytes). Queries read entries only as names, but {@link
   * #add} keeps what is there. Null if it is an entry file.
   *
   * @throws IOException if its link count cannot be read
   */
  static @Nullable String notAnEntryFile(Path path, BasicFileAttributes attributes)
      throws IOException {
    if (!attributes.isRegularFile()) {
      return SafeFiles.describe(path, attributes);
    }
    int links = SafeFiles.links(path);
    if (links > 1) {
      return "a regular file with " + links + " links (hard links)";
    }
    return attributes.size() > 0 ? "a regular file of " + attributes.size() + " bytes" : null;
  }

  /**
   * Removes each entry of {@code valueDirectories} that is no {@link #notAnEntryFile entry file} (a
   * planted link, never followed, a FIFO, a socket, a device, a directory, a hard link, a file with
   * content), telling {@code removed} of it, or handing it to {@code keep} if it holds what a
   * person put there ({@link #clear}): queries read entries only as names, so such an entry still
   * names its instance, but {@link #add} keeps what is there, and only an empty file is an entry.
   * Call it on an index marked incomplete and rebuild it after. Cost: one {@code lstat} per entry,
   * and one more for a regular file's link count.
   */
  void removePlantedEntries(
      List<Path> valueDirectories, Consumer<Path> removed, Predicate<Path> keep)
      throws IOException {
    for (Path values : valueDirectories) {
      InstanceWalk walk = entriesAsTheyAre(values, null);
      for (String id = walk.next(); id != null; id = walk.next()) {
        for (Path entry : places(values, id)) {
          BasicFileAttributes attributes = attributes(entry);
          // Never through a link in a leaf's place: the walk found the ID in the top shard.
          if (attributes != null
              && notAnEntryFile(entry, attributes) != null
              && throughDirectories(entry)) {
            clear(entry, attributes, removed, keep);
          }
        }
      }
    }
  }

  /**
   * Deletes {@code path} (a link itself, never its target; a hard link's name, never the file its
   * other names keep), telling {@code removed}; a directory with entries or a file with content and
   * no other name ({@code attributes}) is not Burrow's to empty, so it goes to {@code keep}, which
   * moves it out of the index whole, never looking into it, and says whether it did (false if it
   * went meanwhile).
   *
   * @return whether {@code path} is cleared, deleted or moved out
   */
  private static boolean clear(
      Path path, BasicFileAttributes attributes, Consumer<Path> removed, Predicate<Path> keep)
      throws IOException {
    if (attributes.isRegularFile() && attributes.size() > 0 && SafeFiles.links(path) == 1) {
      return keep.test(path);
    }
    try {
      if (Files.deleteIfExists(path)) {
        removed.accept(path);
        return true;
      }
      return false;
    } catch (DirectoryNotEmptyException holdsEntries) {
      return keep.test(path);
    }
  }

  Path directory() {
    return directory;
  }

  /**
   * Creates the directory if missing (removing a link or file planted in its place, which is never
   * followed) and removes ready markers of another default.
   */
  void prepare() throws IOException {
    BasicFileAttributes attributes = attributes(directory);
    if (attributes != null && !attributes.isDirectory()) {
      Files.delete(directory);
    }
    OwnerOnly.createDirectory(directory, durability);
    for (Path marker : DirectoryListing.entries(directory, ANY_READY + "*")) {
      if (!marker.getFileName().toString().equals(readyName)) {
        deleteMarker(marker);
      }
    }
  }

  /**
   * Whether the index is complete: rebuilt, or maintained since it was created, and by every
   * process that wrote a document since. Two {@code lstat}s.
   */
  boolean ready() {
    BasicFileAttributes marker = attributes(directory.resolve(readyName));
    return marker != null
        && marker.isRegularFile()
        && attributes(directory.resolve(UNMAINTAINED)) == null;
  }

  /**
   * Records, durably, that a process whose schema does not index this component writes documents,
   * so the index is incomplete until a rebuild that starts after this. One {@code open} when the
   * mark is there already; never follows a link (one in its place counts as the mark).
   */
  static void markUnmaintained(Path directory, Durability durability) throws IOException {
    try {
      Path mark = directory.resolve(UNMAINTAINED);
      Files.createFile(mark, OwnerOnly.fileAttributes(mark));
    } catch (FileAlreadyExistsException | NoSuchFileException e) {
      return; // marked already, or the index was removed meanwhile
    }
    if (durability == Durability.FSYNC) {
      AtomicFiles.forceDirectory(directory);
    }
  }

  /**
   * Removes the {@link #UNMAINTAINED} mark before a rebuild reads the documents: a document written
   * by such a process after this is marked again, and one written before is read by the rebuild.
   */
  void clearUnmaintained() throws IOException {
    deleteMarker(directory.resolve(UNMAINTAINED));
  }

  /** Records that every document has its entry, durably. */
  void markReady() throws IOException {
    createMarker(directory.resolve(readyName));
    flush(directory);
  }

  /** Records that entries may be missing, durably, so the index is rebuilt before it is used. */
  void markIncomplete() throws IOException {
    deleteMarker(directory.resolve(readyName));
    flush(directory);
  }

  /**
   * Removes every ready marker of the index in {@code directory}, whatever default it names,
   * durably: one directory flush when there was one, none otherwise.
   */
  static void markIncomplete(Path directory, Durability durability) throws IOException {
    boolean removed = false;
    for (Path marker : DirectoryListing.entries(directory, ANY_READY + "*")) {
      removed |= deleteMarker(marker);
    }
    if (removed && durability == Durability.FSYNC) {
      AtomicFiles.forceDirectory(directory);
    }
  }

  /** The directory of the instances whose key is {@code key}. */
  Path values(@Nullable String key) {
    return directory.resolve(IndexNames.ofKey(key));
  }

  /** Where the entry of {@code id} in the value directory {@code values} is in its leaf shard. */
  static Path entry(Path values, String id) {
    return values.resolve(Shards.relativePath(id));
  }

  /**
   * Where the entry of {@code id} in the value directory {@code values} is when it lives directly
   * in its top-level shard ({@link EntryPlacement}).
   */
  static Path entryInTop(Path values, String id) {
    return values.resolve(Shards.nameOf(id, 1)).resolve(id);
  }

  /** The places the entry of {@code id} in {@code values} may be: its leaf, then its top. */
  static List<Path> places(Path values, String id) {
    Path inLeaf = entry(values, id);
    Path inTop = entryInTop(values, id);
    return isInTop(inTop) ? List.of(inLeaf, inTop) : List.of(inLeaf);
  }

  /**
   * Where the entry of {@code id} in {@code values} is, or null if it is in neither place: one or
   * two {@code lstat}s when it is in neither. What is found counts only once the way to it from
   * {@code trusted} (the data root, or {@code values} itself where the caller checked the way to
   * it) is checked ({@link SafeFiles#checkWay}: one more {@code lstat} per directory below {@code
   * trusted}), so that a name reached through a link planted in place of a directory on the way,
   * which may lead out of the data root, is never taken for the entry. The entry's own {@code
   * lstat} cannot tell: it follows links everywhere but in its last name; and checking the
   * directories first would cost their {@code lstat}s on a miss too.
   */
  static @Nullable Path located(Path trusted, Path values, String id) {
    for (Path entry : places(values, id)) {
      if (attributes(entry) != null && throughDirectories(trusted, entry)) {
        return entry;
      }
    }
    return null;
  }

  /**
   * Whether {@code entry} (one of {@link #entry} or {@link #entryInTop}) is directly in its
   * top-level shard: the directory holding it has the top-level shard's name, and that name is not
   * its leaf's too (as it is for IDs shorter than a leaf's prefix, whose entries stay in the leaf).
   */
  static boolean isInTop(Path entry) {
    String id = String.valueOf(entry.getFileName());
    String top = Shards.nameOf(id, 1);
    return top.equals(String.valueOf(Parents.of(entry).getFileName()))
        && !top.equals(Shards.nameOf(id, 2));
  }

  /**
   * The directories an entry lives in, from its index's directory down to the shard holding it (its
   * leaf, or its top-level shard): what is flushed to make the entry's name durable.
   */
  static List<Path> directoriesOf(Path entry) {
    Path shard = Parents.of(entry);
    if (isInTop(entry)) {
      Path values = Parents.of(shard);
      return List.of(Parents.of(values), values, shard);
    }
    Path top = Parents.of(shard);
    Path values = Parents.of(top);
    return List.of(Parents.of(values), values, top, shard);
  }

  /**
   * Adds the entry of {@code id} to the value directory {@code values} (one of {@link #values}),
   * making its shards, keeping an entry that exists, and returns it. Nothing is flushed: the caller
   * makes the entry durable ({@link IndexJournal}, or {@link #flushAll} after a rebuild).
   *
   * <p>An entry in the other place ({@link EntryPlacement}) is kept there, and returned, so that
   * each instance has its entry once. Cost, when the value and its shards exist: one {@code lstat}
   * of the other place, one per directory below the data root and one {@code open}. Directories are
   * looked at again, and made, only when one is missing or not a directory.
   */
  Path add(Path values, String id) throws IOException {
    Path inLeaf = entry(values, id);
    Path inTop = entryInTop(values, id);
    boolean top = placement.inTop(values, id);
    Path other = top ? inLeaf : inTop;
    if (isInTop(inTop) && attributes(other) != null && throughDirectories(other)) {
      return other; // kept where it is: made before, by a write or a rebuild that chose the other
    }
    Path entry = top ? inTop : inLeaf;
    for (int attempt = 1; ; attempt++) {
      try {
        SafeFiles.checkWay(dataRoot, entry);
        Files.createFile(entry, OwnerOnly.fileAttributes(values));
        return entry;
      } catch (FileAlreadyExistsException e) {
        return entry; // a stale entry, or a crashed write's: made durable again by the caller
      } catch (NoSuchFileException | RefusedFileException e) {
        if (attempt == ShardDirectories.MAX_RACES) {
          throw e; // its shard is removed every time: something other than Burrow removes it
        }
      }
      try {
        makeWay(values, entry);
      } catch (NoSuchFileException raced) {
        // a shard made here was removed by a writer emptying it: made again on the next attempt
      }
    }
  }

  /** Whether every entry on the way to {@code entry} is a directory, none a link. */
  private boolean throughDirectories(Path entry) {
    return throughDirectories(dataRoot, entry);
  }

  /**
   * Whether every entry on the way from {@code trusted} (not checked) to {@code entry} is a
   * directory, none a link.
   */
  private static boolean throughDirectories(Path trusted, Path entry) {
    try {
      SafeFiles.checkWay(trusted, entry);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Makes the index's directory, the value directory {@code values} and the shards of {@code entry}
   * where missing, after removing what is there instead of a directory (a planted link or file,
   * never followed), which leaves the index incomplete.
   *
   * @throws RefusedFileException if a directory above the index is a link or not a directory
   */
  private void makeWay(Path values, Path entry) throws IOException {
    BasicFileAttributes index = attributes(directory);
    if (index == null || !index.isDirectory()) {
      // gone or replaced since open: made again, without its ready marker, so it is rebuilt
      prepare();
    }
    SafeFiles.checkWay(dataRoot, values);
    List<Path> directories = directoriesOf(entry);
    for (Path made : directories.subList(1, directories.size())) {
      BasicFileAttributes attributes = attributes(made);
      if (attributes != null && !attributes.isDirectory()) {
        discardDamaged(made);
      }
    }
    try {
      OwnerOnly.createDirectory(values);
    } catch (FileAlreadyExistsException e) {
      // made by another writer meanwhile (value directories are never removed as they empty)
    }
    if (isInTop(entry)) {
      ShardDirectories.makeTop(Parents.of(entry));
    } else {
      ShardDirectories.make(Parents.of(entry));
    }
  }

  /**
   * Removes the entry of {@code id} from the value directory {@code values}, from both its places,
   * and its shards if that leaves them empty; never fails. Cost: one {@code lstat} per directory
   * down to the top-level shard, one of the leaf, and an {@code unlink} in each place; a removal
   * from the top-level shard also tries to remove it, which fails while it holds other entries.
   */
  void remove(Path values, String id) {
    Path inTop = entryInTop(values, id);
    try {
      SafeFiles.checkWay(dataRoot, inTop);
    } catch (IOException e) {
      return; // no shard, so no entry; or a link in the way, which a query's walk reports
    }
    if (isInTop(inTop)) {
      try {
        if (Files.deleteIfExists(inTop)) {
          ShardDirectories.removeTopIfEmpty(Parents.of(inTop));
        }
      } catch (IOException e) {
        // A stale entry is harmless: queries verify every hit and remove it later.
      }
    }
    Path inLeaf = entry(values, id);
    Path leaf = Parents.of(inLeaf);
    BasicFileAttributes attributes = attributes(leaf);
    if (attributes == null || !attributes.isDirectory()) {
      return;
    }
    try {
      if (Files.deleteIfExists(inLeaf)) {
        ShardDirectories.removeIfEmpty(leaf);
      }
    } catch (IOException e) {
      // As above.
    }
  }

  /**
   * The IDs with an entry in the value directory {@code values}, newest first from after {@code
   * after} (from the newest if null), walked lazily shard by shard ({@link InstanceWalk}). What the
   * walk finds that is no entry or shard of this layout is passed over, and removed if it is not a
   * directory ({@link #discardStray}).
   *
   * @throws DamagedIndexException if the index's or the value's directory is not a directory
   */
  InstanceWalk entries(Path values, @Nullable SortKey after) {
    return walk(values, after, stray -> discardStray(values, stray));
  }

  /**
   * {@link #entries}, for readers that write nothing (tools without the user's classes): what the
   * walk finds out of place is passed over and left as it is.
   *
   * @throws DamagedIndexException if the index's or the value's directory is not a directory
   */
  InstanceWalk entriesAsTheyAre(Path values, @Nullable SortKey after) {
    return walk(values, after, stray -> {});
  }

  private InstanceWalk walk(
      Path values, @Nullable SortKey after, Consumer<DamagedDataException> strays) {
    BasicFileAttributes index = attributes(directory);
    if (index != null && !index.isDirectory()) {
      throw new DamagedIndexException(directory);
    }
    try {
      SafeFiles.checkWay(dataRoot, values);
    } catch (NoSuchFileException e) {
      return InstanceWalk.empty();
    } catch (IOException e) {
      throw new StorageException(
          "cannot list the index directory " + values + ": " + Failures.describe(e), e);
    }
    BasicFileAttributes attributes = attributes(values);
    if (attributes == null) {
      return InstanceWalk.empty();
    }
    if (!attributes.isDirectory()) {
      throw new DamagedIndexException(values);
    }
    return InstanceWalk.ofIndexValues(values, after, strays::accept);
  }

  /**
   * Removes what a walk of {@code values} found out of place ({@code stray}) if it is not a
   * directory: a planted link, file or FIFO, never followed. One that stood in a shard's place may
   * have hidden entries, so the index is then marked incomplete, to be rebuilt before its next use.
   * A directory out of place is left alone: finders never read it.
   */
  private void discardStray(Path values, DamagedDataException stray) {
    Path path = values.getFileSystem().getPath(stray.location());
    BasicFileAttributes found = attributes(path);
    if (found == null || found.isDirectory() || !path.startsWith(values)) {
      return;
    }
    try {
      Files.deleteIfExists(path);
      if (isShardName(path.getFileName().toString())) {
        markIncomplete();
      }
    } catch (IOException e) {
      // left for the next walk, or for fsck to name
    }
  }

  /** Whether {@code name} is the name of a top-level or a leaf shard. */
  static boolean isShardName(String name) {
    return Shards.parse(name, 1) != null || Shards.parse(name, 2) != null;
  }

  /**
   * Whether the value directory {@code values} holds the entry of {@code id}, in either place,
   * never through a link on the way from {@code trusted} ({@link #located}): one or two {@code
   * lstat}s when it holds none; when it holds one, one or two and one per directory on the way.
   */
  static boolean holds(Path trusted, Path values, String id) {
    return located(trusted, values, id) != null;
  }

  /**
   * {@link #holds(Path, Path, String)}, the way checked from this index's data root: for a write,
   * which looks at one value directory once.
   */
  boolean holds(Path values, String id) {
    return holds(dataRoot, values, id);
  }

  /**
   * {@link #holds(Path, Path, String)} for a query whose walk of {@code values} checked the way to
   * it as it began ({@link #entries}): only the shards between it and an entry found are checked,
   * its top-level shard and, for an entry in its leaf, that leaf (one {@code lstat} each).
   */
  static boolean holdsInWalked(Path values, String id) {
    return holds(values, values, id);
  }

  /**
   * Removes what the value directories hold directly other than shards: the entries of layout 1, in
   * an index being rebuilt. Cost: one listing of each value directory.
   */
  void removeOlderLayout(List<Path> valueDirectories) throws IOException {
    for (Path values : valueDirectories) {
      try (DirectoryStream<Path> entries = DirectoryListing.open(values)) {
        for (Path entry : entries) {
          BasicFileAttributes found = attributes(entry);
          if (found != null && !found.isDirectory()) {
            Files.deleteIfExists(entry);
          }
        }
      } catch (NoSuchFileException e) {
        // removed meanwhile as damaged
      } catch (DirectoryIteratorException e) {
        throw e.getCause(); // read part way: a listing streamed, for it may hold every entry
      }
    }
  }

  /**
   * Removes what is at {@code damaged} (the index's or a value's directory, found not to be a
   * directory) and leaves the index incomplete.
   */
  void discardDamaged(Path damaged) throws IOException {
    Files.deleteIfExists(damaged);
    if (damaged.equals(directory)) {
      prepare();
    } else {
      markIncomplete();
    }
  }

  /**
   * The value directories of the index, after removing each entry in their place that is not a
   * directory (a planted link or a file; never followed), which {@code removed} is told of.
   */
  List<Path> valueDirectories(Consumer<Path> removed) throws IOException {
    List<Path> found = new ArrayList<>();
    for (Path entry : DirectoryListing.entries(directory)) {
      BasicFileAttributes attributes = attributes(entry);
      String name = entry.getFileName().toString();
      if (attributes == null || name.startsWith(READY) || name.equals(UNMAINTAINED)) {
        continue;
      }
      if (attributes.isDirectory()) {
        found.add(entry);
      } else if (Files.deleteIfExists(entry)) {
        removed.accept(entry);
      }
    }
    return found;
  }

  /**
   * Flushes the index's directory and each of {@code directories} (value directories and shards)
   * that is still there, so that directories and entries added without flushing are durable.
   */
  void flushAll(Collection<Path> directories) throws IOException {
    flush(directory);
    for (Path made : directories) {
      try {
        flush(made);
      } catch (NoSuchFileException e) {
        // a shard emptied and removed meanwhile: none of its entries is left to keep
      }
    }
  }

  private void flush(Path directory) throws IOException {
    if (durability == Durability.FSYNC) {
      AtomicFiles.forceDirectory(directory);
    }
  }

  /**
   * Makes the ready marker {@code marker}, keeping one another writer made. Something else planted
   * under its name (a link, a FIFO, an empty directory), which {@link #ready} never takes for the
   * marker, is removed, never followed, and the marker made in its place, so the index does not
   * stay incomplete, rebuilt from every document at every query and open. Something that cannot be
   * removed (a directory with entries), or is planted again at once, leaves the index incomplete.
   */
  private static void createMarker(Path marker) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createFile(marker, OwnerOnly.fileAttributes(marker));
        return;
      } catch (FileAlreadyExistsException e) {
        BasicFileAttributes there = attributes(marker);
        if (there == null || there.isRegularFile() || attempt == 2) {
          return;
        }
        try {
          Files.delete(marker);
        } catch (DirectoryNotEmptyException | NoSuchFileException notRemoved) {
          return;
        }
      }
    }
  }

  /**
   * Deletes the marker {@code marker} (ready or unmaintained) if it is there; a directory with
   * entries planted in its place is left for {@code fsck --repair} to move into the quarantine (the
   * index then stays not ready; what the directory holds is not Burrow's to delete).
   *
   * @return whether a marker was deleted
   */
  private static boolean deleteMarker(Path marker) throws IOException {
    try {
      return Files.deleteIfExists(marker);
    } catch (DirectoryNotEmptyException e) {
      return false;
    }
  }

  private static @Nullable BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }
}
