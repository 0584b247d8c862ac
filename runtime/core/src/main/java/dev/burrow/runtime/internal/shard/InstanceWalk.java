package dev.burrow.runtime.internal.shard;

import dev.burrow.CorruptInstanceException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.files.StoreOwned;
import dev.burrow.runtime.internal.fs.DirectoryListing;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.runtime.internal.store.StrayEntryException;
import dev.burrow.runtime.internal.store.UnreadableShardException;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The instance IDs in a sharded directory ({@code instances/}, or an index's value directory) in
 * listing order, from a position on, found lazily one shard at a time ({@link Shards}): it lists
 * the top-level shards, then the leaves of one top-level shard, then the names in one leaf, and
 * reads no document.
 *
 * <p>Memory: the names of the top-level shards, of one top-level shard's leaves and of one leaf's
 * instances. Cost: a shard is looked at ({@code lstat}, so that a link is never entered) only when
 * the walk enters it, so the first ID costs three directory listings and two {@code lstat} calls,
 * and each further ID nothing more until the walk enters its next shard, whatever the number of
 * instances and shards (the names of the shards passed over are read and sorted, never looked at).
 * {@code PageStatCountTest} measures it: two pages of 20 of a listing, and of a finder, cost the
 * same number of stat calls on 2,000 instances as on 5,000. The listings are snapshots taken when
 * the walk enters a shard: an instance created afterwards in a shard the walk is in may be missed,
 * which keyset paging allows; one deleted afterwards is still named (a reader finds it gone).
 *
 * <p>What does not belong is reported to {@code strays}, in name order within a directory, so that
 * two walks from one position over unchanged directories report the same in the same order: a name
 * that is no shard or no ID, or an instance directory in the wrong shard, when the walk enters the
 * directory holding it from its beginning; a shard that is no directory (a file, a link, a FIFO) or
 * that this process may not list (permission denied), when the walk reaches its place in the order
 * from before it. So a walk over everything reports each once, pages that start inside a shard do
 * not report it again, and a walk that stops early (a page) or skips shards ({@link #skipPast})
 * does not report bad shards it never reached. A shard that cannot be listed is passed over, so the
 * instances of every other shard are still listed; only {@code instances/} itself unreadable fails
 * the walk.
 *
 * <p>An index's value directory ({@link #ofIndexValues}) may also hold an ID directly in its
 * top-level shard, beside the leaves: such IDs are walked with the leaf their ID belongs in, in the
 * same order, once each even where the leaf holds the same ID too.
 */
public final class InstanceWalk {
  /**
   * An entry named like a shard of the level it is at (null if there is none, only IDs that belong
   * in it held directly by its top-level shard), with those IDs; whether it is a directory is
   * looked at only when the walk reaches it.
   */
  private record Shard(Shards.Key key, @Nullable Path path, List<String> direct) {}

  private final boolean idsInTops;

  private @Nullable SortKey after;
  private final Consumer<CorruptInstanceException> strays;
  private final List<Shard> tops;
  private int nextTop;
  private List<Shard> leaves = List.of();
  private int nextLeaf;

  /**
   * The current leaf's IDs in ascending character order, walked from the end: every ID in a leaf
   * has the leaf's rank, so {@link NewestFirst#IDS} there is their characters' order, reversed.
   */
  private String[] ids = new String[0];

  private int nextId = -1;

  /**
   * Starts after the position {@code after} (an ID, which need not exist), or at the newest
   * instance if it is null.
   */
  public InstanceWalk(
      Path directory, @Nullable SortKey after, Consumer<CorruptInstanceException> strays) {
    this(directory, after, strays, false);
  }

  private InstanceWalk(
      Path directory,
      @Nullable SortKey after,
      Consumer<CorruptInstanceException> strays,
      boolean idsInTops) {
    this.after = after;
    this.strays = strays;
    this.idsInTops = idsInTops;
    this.tops = shards(directory, 1, null, after == null);
  }

  private InstanceWalk() {
    this.after = null;
    this.strays = stray -> {};
    this.idsInTops = false;
    this.tops = List.of();
  }

  /**
   * The IDs in an index's value directory, which holds them in leaves, as {@code instances/} does,
   * and also directly in their top-level shards; otherwise as {@link #InstanceWalk}.
   */
  public static InstanceWalk ofIndexValues(
      Path directory, @Nullable SortKey after, Consumer<CorruptInstanceException> strays) {
    return new InstanceWalk(directory, after, strays, true);
  }

  /** A walk with no IDs: of a sharded directory that does not exist. */
  public static InstanceWalk empty() {
    return new InstanceWalk();
  }

  /** Whether another ID follows; may list the next shards to find out. */
  public boolean hasNext() {
    while (nextId < 0) {
      if (nextLeaf < leaves.size()) {
        Shard leaf = leaves.get(nextLeaf++);
        boolean listed = isDirectory(leaf, 2);
        if (listed || !leaf.direct().isEmpty()) {
          enterLeaf(leaf, listed);
        }
      } else if (nextTop < tops.size()) {
        Shard top = tops.get(nextTop++);
        if (isDirectory(top, 1)) {
          enterTop(top);
        }
      } else {
        return false;
      }
    }
    return true;
  }

  /** The next ID, or null at the end. */
  public @Nullable String next() {
    return hasNext() ? ids[nextId--] : null;
  }

  /**
   * Moves the walk past {@code position}: the next ID is the first after it that the walk has not
   * passed yet. Shards wholly before it are left unlisted; a position inside the current leaf costs
   * nothing but a comparison per ID skipped.
   */
  public void skipPast(SortKey position) {
    if (after != null && position.compareTo(after) <= 0) {
      return;
    }
    after = position;
    while (nextId >= 0 && SortKey.of(ids[nextId]).compareTo(position) <= 0) {
      nextId--;
    }
    if (nextId >= 0) {
      return;
    }
    Shards.Key leaf = keyOf(position, 2);
    while (nextLeaf < leaves.size() && Shards.ORDER.compare(leaves.get(nextLeaf).key(), leaf) < 0) {
      nextLeaf++;
    }
    if (nextLeaf < leaves.size()) {
      return;
    }
    Shards.Key top = keyOf(position, 1);
    while (nextTop < tops.size() && Shards.ORDER.compare(tops.get(nextTop).key(), top) < 0) {
      nextTop++;
    }
  }

  private void enterTop(Shard top) {
    leaves = shards(Objects.requireNonNull(top.path()), 2, top.key(), !holdsPosition(top.key(), 1));
    nextLeaf = 0;
  }

  /** Takes the IDs of {@code leaf}: those it holds if {@code listed}, and those held for it. */
  private void enterLeaf(Shard leaf, boolean listed) {
    SortKey position = holdsPosition(leaf.key(), 2) ? after : null;
    boolean fromStart = position == null;
    List<String> found = new ArrayList<>();
    for (String id : leaf.direct()) {
      if (position == null || id.compareTo(position.id()) < 0) {
        found.add(id);
      }
    }
    Path directory = leaf.path();
    List<String> names = List.of();
    if (listed && directory != null) {
      try {
        names = names(directory);
      } catch (AccessDeniedException | NotDirectoryException e) {
        if (fromStart) {
          reportUnlistable(directory, 2, e);
        }
      }
    }
    List<String> others = new ArrayList<>();
    for (String name : names) {
      if (isIdIn(leaf.key(), name)) {
        if (position == null || name.compareTo(position.id()) < 0) {
          found.add(name);
        }
      } else if (fromStart && directory != null) {
        others.add(name);
      }
    }
    others.sort(null); // what does not belong is reported in name order
    for (String name : others) {
      Path entry = entryNamed(Objects.requireNonNull(directory), name);
      CorruptInstanceException report = entry == null ? null : notOfLeaf(entry, name);
      if (report != null) {
        strays.accept(report);
      }
    }
    ids = found.toArray(new String[0]);
    Arrays.sort(ids);
    if (!leaf.direct().isEmpty()) {
      ids = Arrays.stream(ids).distinct().toArray(String[]::new); // an ID in both places
    }
    nextId = ids.length - 1;
  }

  /**
   * Whether {@code name} is a valid ID belonging in the leaf {@code leaf}. All-digit names
   * (Snowflake IDs) are valid by their characters alone, so only other names pay for the full check
   * of {@link PathSegments}.
   */
  private static boolean isIdIn(Shards.Key leaf, String name) {
    return isIdIn(leaf, 2, name);
  }

  /** Whether {@code name} is a valid ID belonging in the shard {@code shard} at {@code level}. */
  private static boolean isIdIn(Shards.Key shard, int level, String name) {
    int rank = NewestFirst.idRank(name);
    boolean valid = rank > 0 ? rank <= PathSegments.MAX_LENGTH : PathSegments.isValid(name);
    return valid && Shards.holds(shard, level, name, rank);
  }

  /**
   * Whether {@code name}, in the top-level shard {@code top}, is an ID that may be held there
   * directly: one that belongs in it and whose leaf is not named like it (the entry of such an ID
   * is kept in its leaf, so a name in the top-level shard for it is a stray).
   */
  private static boolean isDirectId(Shards.Key top, String name) {
    return isIdIn(top, 1, name) && !Shards.keyOf(name, 2).prefix().equals(top.prefix());
  }

  /** The key of the shard at {@code level} where {@code position} lies. */
  private static Shards.Key keyOf(SortKey position, int level) {
    return Shards.keyOf(position.id(), position.idRank(), level);
  }

  /** Whether the walk's starting position lies in the shard {@code key} at {@code level}. */
  private boolean holdsPosition(Shards.Key key, int level) {
    return after != null && keyOf(after, level).equals(key);
  }

  /**
   * Whether {@code shard}, at {@code level}, is a directory the walk may enter. One that is not (a
   * link is not followed) is reported unless the walk's starting position lies in it; one removed
   * meanwhile (an empty shard) is passed over.
   */
  private boolean isDirectory(Shard shard, int level) {
    Path path = shard.path();
    if (path == null) {
      return false;
    }
    BasicFileAttributes attributes = attributesOf(path);
    if (attributes == null || attributes.isDirectory()) {
      return attributes != null;
    }
    if (!holdsPosition(shard.key(), level)) {
      strays.accept(notAShard(path, attributes, level));
    }
    return false;
  }

  /** {@code path}, at {@code level}, is what {@code attributes} say and not a directory. */
  private static CorruptInstanceException notAShard(
      Path path, BasicFileAttributes attributes, int level) {
    return new UnreadableShardException(
        path.toString(),
        SafeFiles.refusalReason(
            path, attributes, "must be a directory, a " + shardOf(path, level)));
  }

  /**
   * Reports the shard {@code shard}, at {@code level}, that could not be listed: it may not be read
   * ({@link AccessDeniedException}), or something else was put in its place since the walk looked
   * at it ({@link NotDirectoryException}: a FIFO is never opened), which is reported as a shard
   * planted before the look is, unless it is gone or a directory again by now.
   */
  private void reportUnlistable(Path shard, int level, FileSystemException cause) {
    if (cause instanceof AccessDeniedException denied) {
      strays.accept(unreadable(shard, denied));
      return;
    }
    BasicFileAttributes now = attributesOf(shard);
    if (now != null && !now.isDirectory()) {
      strays.accept(notAShard(shard, now, level));
    }
  }

  /**
   * The report of {@code entry}, listed as {@code name} in a leaf that {@code name} is no ID of: an
   * instance in the wrong shard if it is a directory with an ID's name holding an {@code
   * instance.json} (whatever that is), else a stray entry; null if it is gone meanwhile.
   */
  private static @Nullable CorruptInstanceException notOfLeaf(Path entry, String name) {
    if (!PathSegments.isValid(name)) {
      return stray(
          entry,
          "'"
              + PathSegments.printable(name)
              + "' is not a valid instance id ("
              + PathSegments.brokenRule(name)
              + ")");
    }
    BasicFileAttributes attributes = attributesOf(entry);
    if (attributes == null) {
      return null;
    }
    if (attributes.isDirectory() && holdsNoDocument(entry)) {
      return stray(
          entry,
          "'"
              + PathSegments.printable(name)
              + "' is a directory holding no "
              + StoreOwned.DOCUMENT
              + ", where only instance directories go");
    }
    return attributes.isDirectory()
        ? misplaced(entry, name)
        : stray(
            entry,
            "'"
                + PathSegments.printable(name)
                + "' is "
                + SafeFiles.describe(entry, attributes)
                + ", where only instance directories go");
  }

  /**
   * Whether the directory {@code entry} certainly holds no {@code instance.json}: false where this
   * process cannot look into it, which is then taken for an instance, as any directory named like
   * an ID was before (the walk goes on either way).
   */
  private static boolean holdsNoDocument(Path entry) {
    try {
      return SafeFiles.lstat(entry.resolve(StoreOwned.DOCUMENT)) == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** What {@code entry}, at {@code level}, would be if it were a shard, for messages. */
  private static String shardOf(Path entry, int level) {
    Path directory = entry.getParent();
    return level == 1 || directory == null
        ? "shard of instances/"
        : "shard of " + directory.getFileName();
  }

  /**
   * The shards of {@code level} in {@code directory}, in listing order, from the one holding the
   * starting position on; strays are reported if {@code report}.
   */
  private List<Shard> shards(
      Path directory, int level, Shards.@Nullable Key parent, boolean report) {
    Shards.Key start = after == null ? null : keyOf(after, level);
    List<Shard> found = new ArrayList<>();
    Map<Shards.Key, List<String>> direct = new HashMap<>();
    List<Path> entries;
    try {
      entries = entries(directory);
    } catch (AccessDeniedException | NotDirectoryException e) {
      if (level == 1) {
        throw new StorageException(
            "cannot list "
                + directory
                + ": "
                + (e instanceof AccessDeniedException ? "permission denied" : "not a directory"),
            e);
      }
      if (report) {
        reportUnlistable(directory, level - 1, e);
      }
      return found;
    }
    List<Path> others = new ArrayList<>();
    for (Path entry : entries) {
      String name = String.valueOf(entry.getFileName());
      Shards.Key key = Shards.parse(name, level);
      if (key != null && (parent == null || Shards.topOf(key).equals(parent))) {
        if (start == null || Shards.ORDER.compare(key, start) >= 0) {
          found.add(new Shard(key, entry, List.of()));
        }
      } else if (idsInTops && parent != null && isDirectId(parent, name)) {
        direct.computeIfAbsent(Shards.keyOf(name, 2), k -> new ArrayList<>()).add(name);
      } else if (report) {
        others.add(entry);
      }
    }
    others.sort(Comparator.comparing(entry -> String.valueOf(entry.getFileName())));
    for (Path entry : others) { // strays are reported in name order
      if (attributesOf(entry) != null) { // else removed meanwhile
        strays.accept(
            stray(
                entry,
                "'"
                    + PathSegments.printable(String.valueOf(entry.getFileName()))
                    + "' is not a "
                    + shardOf(entry, level)
                    + "; instances live in instances/<shard>/<shard>/<id>/"));
      }
    }
    if (!direct.isEmpty()) {
      found = withDirectIds(found, direct, start);
    }
    found.sort(Comparator.comparing(Shard::key, Shards.ORDER));
    return found;
  }

  /**
   * {@code leaves} with the IDs of {@code direct} held for the leaf each belongs in, and a leaf
   * with no directory for those whose leaf has none, from {@code start} on.
   */
  private static List<Shard> withDirectIds(
      List<Shard> leaves, Map<Shards.Key, List<String>> direct, Shards.@Nullable Key start) {
    List<Shard> merged = new ArrayList<>();
    for (Shard leaf : leaves) {
      List<String> ids = direct.remove(leaf.key());
      merged.add(ids == null ? leaf : new Shard(leaf.key(), leaf.path(), ids));
    }
    direct.forEach(
        (key, ids) -> {
          if (start == null || Shards.ORDER.compare(key, start) >= 0) {
            merged.add(new Shard(key, null, ids));
          }
        });
    return merged;
  }

  /** What is at {@code entry}, links not followed, or null if nothing is there any more. */
  private static @Nullable BasicFileAttributes attributesOf(Path entry) {
    try {
      return SafeFiles.lstat(entry);
    } catch (IOException e) {
      throw Failures.ofStep("cannot read " + entry, entry, e);
    }
  }

  private static CorruptInstanceException stray(Path entry, String reason) {
    return new StrayEntryException(entry.toString(), reason);
  }

  /**
   * An instance's directory in a leaf its ID does not belong in: no lookup by its ID finds it, so a
   * listing leaves it out, a damaged instance (counted as one, unlike a {@link #stray}).
   */
  private static CorruptInstanceException misplaced(Path entry, String id) {
    return new CorruptInstanceException(
        entry.toString(), "not an instance: instance '" + id + "' is in the wrong shard", null);
  }

  /** A shard this process may not list: reported, and the walk goes on without its instances. */
  private static CorruptInstanceException unreadable(Path shard, AccessDeniedException cause) {
    return new UnreadableShardException(shard.toString(), cause);
  }

  /**
   * The names in {@code directory}. On the default file system they are read with {@link
   * java.io.File#list()}, which makes no {@link Path} per entry (a leaf holds thousands).
   */
  private static List<String> names(Path directory)
      throws AccessDeniedException, NotDirectoryException {
    if (directory.getFileSystem() == FileSystems.getDefault()) {
      String[] names = directory.toFile().list();
      if (names != null) {
        return Arrays.asList(names);
      }
    }
    List<String> names = new ArrayList<>();
    for (Path entry : entries(directory)) {
      names.add(String.valueOf(entry.getFileName()));
    }
    return names;
  }

  /**
   * The entry of {@code directory} listed as {@code name}, or null if it is gone. A name that is
   * not valid in the platform's file name encoding is listed with replacement characters, and
   * resolving it would name another file or none ({@code LC_ALL=C} refuses it): that entry is found
   * by listing the directory again.
   */
  private static @Nullable Path entryNamed(Path directory, String name) {
    if (name.indexOf('\uFFFD') < 0) {
      return directory.resolve(name);
    }
    try {
      return DirectoryListing.entryReadAs(directory, name);
    } catch (NoSuchFileException | AccessDeniedException | NotDirectoryException goneMeanwhile) {
      return null;
    } catch (IOException e) {
      throw cannotList(directory, e);
    }
  }

  /**
   * The entries of {@code directory}; none if it is gone (an empty shard removed meanwhile).
   *
   * @throws AccessDeniedException if it may not be listed
   * @throws NotDirectoryException if something else is in its place (never opened)
   */
  private static List<Path> entries(Path directory)
      throws AccessDeniedException, NotDirectoryException {
    try {
      return DirectoryListing.entries(directory);
    } catch (NoSuchFileException e) {
      return new ArrayList<>();
    } catch (AccessDeniedException | NotDirectoryException e) {
      throw e;
    } catch (IOException e) {
      throw cannotList(directory, e);
    }
  }

  private static StorageException cannotList(Path directory, IOException e) {
    return new StorageException("cannot list " + directory + ": " + Failures.describe(e), e);
  }
}
