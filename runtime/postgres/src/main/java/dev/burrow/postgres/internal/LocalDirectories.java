package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import dev.burrow.StorageException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.filestore.CheckedPaths;
import dev.burrow.runtime.internal.filestore.DataRootOwners;
import dev.burrow.runtime.internal.filestore.Trash;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Instance directories on this host's disk, {@code <root>/instances/<id>/} with the declared
 * subdirectories, created owner-only on first use. They are not shared between hosts: the database
 * holds documents and locks, the disk holds each host's files. Deleting moves the directory into
 * the trash ({@link Trash}, as the filesystem backend does) first, so an interrupted removal never
 * leaves a half-deleted directory where a new instance could find it.
 *
 * <p>Another host may delete an instance, and create one again with its ID, while this host keeps
 * the old one's directory. So each directory is made for one incarnation of its ID ({@link
 * Incarnations}: a number no other row of the ID has, drawn by the store that creates the row),
 * recorded in {@code .burrow/incarnations/<id>} before the directory is made. A directory is handed
 * out only for the incarnation it records: one recording another (a deleted instance's) is moved
 * into the trash and a fresh one made, so a new instance never sees an old one's files. Directories
 * whose instance is gone are removed by this host's next delete of the ID and by the sweep at open.
 * A directory recording the live incarnation is never touched; one recording none (made before
 * incarnations existed) is taken for the live instance's, and removed only once no row has its ID.
 * Making, replacing and removing a directory hold a lock of this host ({@code
 * .burrow/locks/instances.lock}), waited for at most the store's lock timeout, so two stores on one
 * host never remove each other's new work.
 *
 * <p>A directory made in a caller's transaction ({@link PostgresStorage#joining}) may be for a row
 * that transaction inserted, which no other connection sees before the commit: its record also
 * holds the transaction's ID, and while that transaction is open the directory is never taken for a
 * deleted instance's. Once it has ended, the row is looked up again: committed, it is there.
 *
 * <p>Every path below the root is checked right before it is made, moved, listed or removed ({@link
 * CheckedPaths}): {@code instances/}, an instance directory, {@code .burrow/} or the trash planted
 * as a link (before the store opened or after) is refused with an exception naming it, and nothing
 * outside the root is touched.
 *
 * <p>Under {@link Durability#FSYNC} the names are flushed as the filesystem backend flushes its
 * own: the record of the incarnation before the directory is made, the parent of every directory
 * made here, and {@code instances/} once a directory has left it for the trash, so a directory
 * handed out survives a power cut and a removed one does not come back. Under {@link
 * Durability#NONE} nothing is flushed.
 */
final class LocalDirectories {
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  /** The longest record of an incarnation read: two decimal {@code long}s and a space. */
  private static final int RECORD_MAX_BYTES = 48;

  /** IDs whose incarnations the sweep at open looks up in one query. */
  private static final int SWEEP_BATCH = 500;

  private final CheckedPaths paths;
  private final Path instances;
  private final Path records;
  private final Trash trash;
  private final List<String> subdirectories;
  private final Durability durability;
  private final Incarnations incarnations;
  private final Duration lockTimeout;
  private volatile @Nullable InstanceLocks locks;

  /**
   * Directories under {@code root}; making, replacing or removing one, and claiming the root, wait
   * at most {@code lockTimeout} (the store's) for this host's lock, as a filesystem store waits for
   * an instance's lock in the same lock file.
   */
  LocalDirectories(
      Path root,
      List<String> subdirectories,
      Durability durability,
      Incarnations incarnations,
      Duration lockTimeout) {
    this.paths = new CheckedPaths(root);
    this.instances = paths.root().resolve("instances");
    this.records = paths.root().resolve(".burrow").resolve("incarnations");
    this.trash = new Trash(paths);
    this.subdirectories = subdirectories;
    this.durability = durability;
    this.incarnations = incarnations;
    this.lockTimeout = lockTimeout;
  }

  /**
   * Makes this host's root where it is missing, its name flushed into its parent under {@link
   * Durability#FSYNC}: done when the store opens, before anything else makes it without a flush.
   *
   * @throws StorageException if it cannot be made
   */
  void makeRoot() {
    OwnerOnly.createDirectories(paths.root(), durability);
  }

  /**
   * Makes this host's root where it is missing ({@link #makeRoot}) and records that it serves
   * {@code served}, or checks that it does ({@link RootClaim}): done when the store opens, before
   * its sweep, which would otherwise remove the directories of a store on other tables. The claim
   * holds the lock a filesystem store claims a root under, so the two never both claim a new root,
   * waiting for it at most the store's lock timeout, as a filesystem store does.
   *
   * @throws dev.burrow.MisuseException if the root serves other tables or another kind, or is a
   *     filesystem store's
   * @throws dev.burrow.CorruptJsonFileException if the record of what it serves is damaged
   * @throws LockTimeoutException if another store holds the claim's lock longer
   * @throws StorageException if the root cannot be made, or the record read or written
   */
  void claimRoot(RootClaim.Served served) {
    makeRoot();
    InstanceLock lock = hostLock(DataRootOwners.CLAIM_LOCK);
    try {
      RootClaim.claim(paths, served, durability);
    } finally {
      lock.close();
    }
  }

  /**
   * The directory of incarnation {@code incarnation} of {@code id}, created with its subdirectories
   * if missing; a directory this host kept for another incarnation of the ID (a deleted instance's)
   * is moved into the trash first. Only a directory recorded for {@code incarnation} and there
   * already, with every subdirectory, is handed out without the host's lock; anything to be made is
   * made under it, after the record is written (or found), so that a removal holding the lock (this
   * or another store's {@link #removeStale}) never sees its directory made again behind it without
   * a record, to be taken for the next instance of the ID. Cost when the directory is there
   * already: one small file read and one {@code lstat} per directory on the way to it and to each
   * of its subdirectories.
   *
   * @param transaction the ID of the caller's transaction the incarnation was read in, if it has
   *     one, recorded with a directory made now; null on Burrow's own connections
   * @throws StorageException if a directory on the way is a link or not a directory, a directory
   *     cannot be made, or the old one moved away
   * @throws DirectoryBusyException if another thread or process on this host makes or removes the
   *     ID's directory for longer than the lock timeout; nothing was changed
   */
  Path open(String id, long incarnation, @Nullable Long transaction) {
    Path directory = directoryOf(id);
    makeRoot();
    try {
      if (isRecorded(id, incarnation) && isMade(directory)) {
        return directory;
      }
      InstanceLock lock = directoryLock(id);
      try {
        if (!isRecorded(id, incarnation)) {
          if (recorded(id) != null) {
            discard(id);
          }
          paths.makeDirectories(records, durability);
          AtomicFiles.write(
              recordOf(id),
              new IncarnationRecord(incarnation, transaction)
                  .toString()
                  .getBytes(StandardCharsets.US_ASCII),
              durability,
              TempFiles.forRoot(paths.root()));
        }
        makeDirectories(directory);
      } finally {
        lock.close();
      }
    } catch (IOException e) {
      throw new StorageException("cannot make " + directory + ": " + Failures.describe(e), e);
    }
    return directory;
  }

  /**
   * The directory of incarnation {@code incarnation} of {@code id} if this host has it, making and
   * removing nothing: one recorded for that incarnation, or recording none (which {@link #open}
   * takes for the live instance's).
   *
   * @throws StorageException if the directory, or one on the way, is a link or not a directory, or
   *     its record cannot be read
   */
  Optional<Path> existing(String id, long incarnation) {
    Path directory = directoryOf(id);
    try {
      IncarnationRecord recorded = recorded(id);
      if (recorded != null && recorded.incarnation() != incarnation) {
        return Optional.empty();
      }
      paths.checkDirectory(directory);
      return Optional.of(directory);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("cannot read " + directory + ": " + Failures.describe(e), e);
    }
  }

  private boolean isRecorded(String id, long incarnation) throws IOException {
    IncarnationRecord recorded = recorded(id);
    return recorded != null && recorded.incarnation() == incarnation;
  }

  private void makeDirectories(Path directory) throws IOException {
    paths.makeDirectories(directory, durability);
    for (String subdirectory : subdirectories) {
      paths.makeDirectories(directory.resolve(PathSegments.check(subdirectory)), durability);
    }
  }

  /**
   * Whether {@code directory} and all its subdirectories are there, making nothing.
   *
   * @throws StorageException if one of them, or a directory on the way, is a link or not a
   *     directory
   */
  private boolean isMade(Path directory) throws IOException {
    try {
      paths.checkDirectory(directory);
      for (String subdirectory : subdirectories) {
        paths.checkDirectory(directory.resolve(PathSegments.check(subdirectory)));
      }
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /**
   * Checks, before {@code id} is deleted, that its directory could be moved into the trash: no
   * directory on the way to it or to the trash is a link or anything but a directory.
   *
   * @throws StorageException naming the first planted path, or if a directory on the way cannot be
   *     looked at; nothing was changed
   */
  void checkRemovable(String id) {
    try {
      checkWayIfThere(directoryOf(id));
      checkWayIfThere(trash.graveFor(id));
    } catch (IOException e) {
      throw new StorageException(
          "cannot look at " + directoryOf(id) + ": " + Failures.describe(e), e);
    }
  }

  private void checkWayIfThere(Path path) throws IOException {
    try {
      paths.checkWay(path);
    } catch (NoSuchFileException e) {
      // made when needed, never through a link
    }
  }

  /**
   * Removes {@code id}'s directory on this host, if there is one, unless it belongs to the instance
   * that has the ID now (looked up in the database: another host may have created it again since),
   * or was made in a caller's transaction that is still open: moved into the trash (and, under
   * {@link Durability#FSYNC}, {@code instances/} flushed, so the move survives a power cut), then
   * its tree removed relative to directory handles (however deep); what cannot be removed now is
   * left in the trash for the next sweep. A directory whose record names {@code deleted}, the
   * incarnation of a row the caller has just deleted (and whose delete committed), is that row's
   * and removed without asking the database: an incarnation is never another row's of the ID. Cost
   * without a directory: two {@code lstat} calls; with one: one small file read, and, unless it is
   * {@code deleted}'s, one query (the ID's incarnation), two more for a directory made in a
   * caller's transaction and not the live instance's (whether the transaction is open, then the row
   * again).
   *
   * @param deleted the incarnation of the row of {@code id} the caller has deleted, if it has
   * @throws StorageException if a directory on the way is a link or not a directory; nothing was
   *     moved
   * @throws dev.burrow.BackendUnavailableException if the database cannot be reached; nothing was
   *     moved
   * @throws DirectoryBusyException if another thread or process on this host makes or removes the
   *     ID's directory for longer than the lock timeout; nothing was moved
   * @throws IOException if the directory cannot be moved into the trash, or the move flushed (then
   *     it is gone from {@code instances/}, but may be back after a power cut), each saying which,
   *     or its record cannot be removed once it is gone
   */
  void removeStale(String id, OptionalLong deleted) throws IOException {
    if (SafeFiles.lstat(directoryOf(id)) == null && SafeFiles.lstat(recordOf(id)) == null) {
      return;
    }
    InstanceLock lock = directoryLock(id);
    try {
      IncarnationRecord recorded = recorded(id);
      if (!isOf(recorded, deleted) && isKept(id, recorded)) {
        return;
      }
      discard(id);
      try {
        paths.checkWay(recordOf(id));
        Files.deleteIfExists(recordOf(id));
      } catch (NoSuchFileException e) {
        // no record: the directory was made before incarnations were recorded
      }
    } finally {
      lock.close();
    }
  }

  /** Whether {@code recorded} names {@code deleted}, if there is one. */
  private static boolean isOf(@Nullable IncarnationRecord recorded, OptionalLong deleted) {
    return recorded != null && deleted.isPresent() && recorded.incarnation() == deleted.getAsLong();
  }

  /**
   * Whether {@code id}'s directory, with {@code recorded}, is to be kept: it is the live instance's
   * (looked up in the database), or was made in a caller's transaction that is still open.
   */
  private boolean isKept(String id, @Nullable IncarnationRecord recorded) {
    if (isLive(recorded, incarnations.of(id))) {
      return true;
    }
    Long transaction = recorded == null ? null : recorded.transaction();
    if (transaction == null) {
      return false;
    }
    // perhaps the directory of a row the transaction inserted: kept until it ends; then the row is
    // looked up again, as the transaction may have committed since it was first looked up
    return incarnations.inProgress(transaction) || isLive(recorded, incarnations.of(id));
  }

  /**
   * Whether a directory with {@code recorded} belongs to the instance whose row has incarnation
   * {@code live}: one recording none is taken for the live instance's.
   */
  private static boolean isLive(@Nullable IncarnationRecord recorded, OptionalLong live) {
    return live.isPresent() && (recorded == null || recorded.incarnation() == live.getAsLong());
  }

  /**
   * Moves {@code id}'s directory, if any, into the trash and removes it from there.
   *
   * @throws IOException saying whether the directory could not be moved (it is left in place), or
   *     was moved and the move could not be flushed (it may be back after a power cut)
   */
  private void discard(String id) throws IOException {
    Path directory = directoryOf(id);
    Path grave = trash.graveFor(id);
    boolean moved;
    try {
      moved = trash.moveAside(directory, grave, durability);
    } catch (IOException e) {
      throw new IOException(
          "cannot move "
              + directory
              + " into the trash (it is left in place): "
              + Failures.describe(e),
          e);
    }
    if (moved) {
      try {
        if (durability == Durability.FSYNC) {
          AtomicFiles.forceDirectory(instances);
        }
      } catch (IOException e) {
        throw new IOException(
            "moved "
                + directory
                + " into the trash, but could not flush "
                + instances
                + " (it may be back after a power cut): "
                + Failures.describe(e),
            e);
      } finally {
        paths.deleteQuietly(grave);
      }
    }
  }

  /**
   * The record of the incarnation {@code id}'s directory was made for, or null if there is none (or
   * it is not one Burrow wrote, which is taken as none: it never makes a directory removable).
   */
  private @Nullable IncarnationRecord recorded(String id) throws IOException {
    Path record = recordOf(id);
    try {
      paths.checkWay(record);
      return IncarnationRecord.parse(
          new String(SafeFiles.read(record, RECORD_MAX_BYTES), StandardCharsets.US_ASCII));
    } catch (NoSuchFileException | SafeFiles.RefusedFileException | NumberFormatException e) {
      return null;
    }
  }

  /**
   * What {@code .burrow/incarnations/<id>} holds: the incarnation, and, for a directory made in a
   * caller's transaction that had an ID, that ID after a space.
   */
  private record IncarnationRecord(long incarnation, @Nullable Long transaction) {
    /**
     * @throws NumberFormatException if {@code text} is not such a record
     */
    static IncarnationRecord parse(String text) {
      int space = text.indexOf(' ');
      if (space < 0) {
        return new IncarnationRecord(Long.parseLong(text), null);
      }
      long transaction = Long.parseUnsignedLong(text.substring(space + 1));
      if (transaction < 0) {
        throw new NumberFormatException("not a transaction ID: " + text.substring(space + 1));
      }
      return new IncarnationRecord(Long.parseLong(text.substring(0, space)), transaction);
    }

    @Override
    public String toString() {
      return transaction == null ? Long.toString(incarnation) : incarnation + " " + transaction;
    }
  }

  /** Where {@code id}'s directory is on this host. */
  Path directoryOf(String id) {
    return instances.resolve(PathSegments.check(id));
  }

  private Path recordOf(String id) {
    return records.resolve(PathSegments.check(id));
  }

  /**
   * The host's lock on {@code id}'s directory.
   *
   * @throws DirectoryBusyException if another thread or store on this host holds it past the lock
   *     timeout
   */
  private InstanceLock directoryLock(String id) {
    try {
      return hostLock("directory:" + id);
    } catch (LockTimeoutException e) {
      throw new DirectoryBusyException(id, directoryOf(id), lockTimeout, e);
    }
  }

  private InstanceLock hostLock(String name) {
    InstanceLocks made = locks;
    if (made == null) {
      made = InstanceLocks.forRoot(paths.root());
      locks = made;
    }
    return made.lock(name, lockTimeout);
  }

  /**
   * Finishes removals that a crash interrupted, and removes the directories of instances deleted
   * since this host last looked (by another host, or by a caller's transaction whose outcome this
   * process never learned): those whose ID has no row, or a row of another incarnation, unless made
   * in a caller's transaction that is still open ({@link #removeStale}). Cost: one listing of
   * {@code instances/}, one small file read per directory there and one query per 500 of them; a
   * directory that cannot be looked at or removed now is left for a later sweep, and logged.
   *
   * <p>{@code instances/} planted as a link, or unreadable, is logged and passed over: every
   * directory lookup and delete refuses it, naming it.
   *
   * @throws StorageException if {@code .burrow/} or the trash is a link or not a directory, or the
   *     trash cannot be listed
   * @throws dev.burrow.BackendUnavailableException if the database cannot be reached
   */
  void sweep() {
    trash.sweep();
    List<Path> entries;
    try {
      entries = paths.entries(instances);
    } catch (BurrowException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the directories of deleted instances on this host were not looked for; the next open"
              + " tries again: "
              + e.getMessage());
      return;
    }
    List<String> ids =
        entries.stream()
            .map(entry -> entry.getFileName().toString())
            .filter(PathSegments::isValid)
            .toList();
    for (int from = 0; from < ids.size(); from += SWEEP_BATCH) {
      List<String> batch = ids.subList(from, Math.min(ids.size(), from + SWEEP_BATCH));
      Map<String, Long> live = incarnations.of(batch);
      for (String id : batch) {
        Long row = live.get(id);
        try {
          IncarnationRecord recorded = recorded(id);
          if (!isLive(recorded, row == null ? OptionalLong.empty() : OptionalLong.of(row))) {
            removeStale(id, OptionalLong.empty());
          }
        } catch (IOException | BurrowException e) {
          LOG.log(
              System.Logger.Level.WARNING,
              Printable.line(
                  "the directory "
                      + directoryOf(id)
                      + " left on this host by a deleted instance could not be removed; the next"
                      + " open tries again: "
                      + e));
        }
      }
    }
  }
}
