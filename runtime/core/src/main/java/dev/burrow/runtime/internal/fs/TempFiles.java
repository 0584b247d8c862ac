package dev.burrow.runtime.internal.fs;

import dev.burrow.Durability;
import dev.burrow.StorageException;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The area where Burrow writes its temporary files under a data root, so that finding what a crash
 * left behind never means visiting every instance directory:
 *
 * <pre>
 * &lt;root&gt;/.burrow/tmp/&lt;session&gt;.lease   locked by the live process that owns the session
 * &lt;root&gt;/.burrow/tmp/&lt;session&gt;/         that process's temporary files
 * </pre>
 *
 * <p>Each JVM has one session per data root, made on its first temporary file and kept for the
 * JVM's lifetime; its lease file stays locked (an OS file lock, released when the process dies,
 * however it dies). A temporary file is written in the session's directory and renamed into place:
 * a rename between two directories of one file system is atomic like one within a directory.
 *
 * <p>{@link #sweep} removes the sessions of processes that are gone (their lease is not locked),
 * and never looks anywhere else: it cannot touch a live process's work, nor a user's file. Cost:
 * one directory listing of {@code .burrow/tmp/} and one lock attempt per session found, dead or
 * alive, so it is proportional to the crashes since the last sweep, not to the instances.
 */
public final class TempFiles {
  private static final ConcurrentHashMap<Path, TempFiles> PER_ROOT = new ConcurrentHashMap<>();

  /**
   * Lease files this JVM holds, by {@link OwnLease}: never opened again, or their lock would drop.
   */
  private static final Set<OwnLease> OWN_LEASES = ConcurrentHashMap.newKeySet();

  private static final String LEASE_SUFFIX = ".lease";

  private final Path root;
  private final Path area;
  private volatile @Nullable Path session;

  /** The locked lease of {@link #session}, kept reachable for as long as the session lives. */
  private @Nullable AsynchronousFileChannel lease;

  private TempFiles(Path root) {
    this.root = root;
    this.area = root.resolve(".burrow").resolve("tmp");
  }

  /** The temporary area of the data root {@code root}; one per root per JVM. */
  public static TempFiles forRoot(Path root) {
    return PER_ROOT.computeIfAbsent(root.toAbsolutePath().normalize(), TempFiles::new);
  }

  /** {@code <root>/.burrow/tmp}. */
  public Path area() {
    return area;
  }

  /**
   * A fresh path in this JVM's session directory for a temporary file about to become {@code
   * target}; the file is not created. The name carries the target's name, for people looking.
   *
   * <p>The way to the session directory is checked right before, as {@link
   * SafeFiles#checkDirectory} does, so that {@code .burrow/tmp} swapped for a link after the
   * session started is refused rather than written through. A session directory someone removed (a
   * person clearing {@code .burrow/tmp/}) is made again if its lease file is still there; without
   * it, another process's sweep would take the directory for a dead one's, so a new session is
   * started instead. Cost: one {@code lstat} per directory from the data root to the session, three
   * in all.
   *
   * @throws IOException if the session directory cannot be made again
   * @throws StorageException if the session cannot be set up, or an entry on the way to it is a
   *     link or not a directory (named, with why)
   */
  public Path newPath(Path target) throws IOException {
    Path directory = session();
    try {
      try {
        SafeFiles.checkDirectory(root, directory);
      } catch (NoSuchFileException e) {
        directory = restore(directory);
      }
    } catch (SafeFiles.RefusedFileException e) {
      throw refused(e);
    }
    Path name = target.getFileName();
    return directory.resolve(
        Long.toHexString(ThreadLocalRandom.current().nextLong())
            + "-"
            + (name == null ? "root" : name.toString()));
  }

  /** The session directory made again under its lease, or a new session if the lease is gone. */
  private Path restore(Path directory) throws IOException {
    SafeFiles.checkWay(root, area);
    if (SafeFiles.lstat(leaseOf(directory.getFileName().toString())) == null) {
      synchronized (this) {
        if (directory.equals(session)) {
          AsynchronousFileChannel removed = lease;
          session = startSession();
          if (removed != null) {
            removed.close();
          }
        }
        return Objects.requireNonNull(session, "a session was started");
      }
    }
    try {
      OwnerOnly.createDirectory(directory);
    } catch (FileAlreadyExistsException e) {
      // made meanwhile, or something else: checked below
    }
    SafeFiles.checkDirectory(root, directory);
    return directory;
  }

  /** Whether {@code entry} of the temporary area is named as a session's lease. */
  public static boolean isLease(Path entry) {
    return entry.getFileName().toString().endsWith(LEASE_SUFFIX);
  }

  /**
   * An entry of the temporary area that no session made: a lease that is not a regular file, or
   * something that is not a directory in a session directory's place; {@code keptAt} is where
   * {@link #removePlanted} moved it, if it was a directory with entries (null if it was removed, or
   * not yet repaired).
   */
  public record PlantedEntry(Path path, String reason, @Nullable Path keptAt) {
    PlantedEntry kept(Path at) {
      return new PlantedEntry(path, reason, at);
    }

    /** Whether it is in a lease's place ({@link #isLease}), not a session directory's. */
    public boolean lease() {
      return isLease(path);
    }
  }

  /**
   * The entry {@code entry} of the temporary area if it is planted: named as a lease but not a
   * regular file (a link, not what it points to; a FIFO; a socket; a device; a directory), or in a
   * session directory's place but no directory (a link, a FIFO, a file). No live session's lease or
   * directory is one, since a session's lease is the regular file it made and holds locked, and its
   * directory the one it made: a person put it there. Looked at with one {@code lstat}, never
   * opened or followed.
   *
   * @return null if it is a regular file named as a lease (a live session's lease, or one a process
   *     that is gone left for the sweep) or a directory in a session's place, or is gone
   * @throws IOException if it cannot be looked at
   */
  public static @Nullable PlantedEntry planted(Path entry) throws IOException {
    BasicFileAttributes attributes = SafeFiles.lstat(entry);
    boolean lease = isLease(entry);
    if (attributes == null || (lease ? attributes.isRegularFile() : attributes.isDirectory())) {
      return null;
    }
    return new PlantedEntry(
        entry,
        "it is "
            + SafeFiles.describe(entry, attributes)
            + (lease
                ? ", not a lease file, so no live session's lease"
                : " in a session's place, not its directory of temporary files, so no live"
                    + " session's")
            + "; Burrow never "
            + (attributes.isSymbolicLink() ? "follows" : "opens")
            + " it",
        null);
  }

  private Path leaseOf(String sessionName) {
    return area.resolve(sessionName + LEASE_SUFFIX);
  }

  private Path session() {
    Path made = session;
    if (made == null) {
      synchronized (this) {
        made = session;
        if (made == null) {
          made = startSession();
          session = made;
        }
      }
    }
    return made;
  }

  private Path startSession() {
    SafeFiles.Identity areaIdentity;
    try {
      OwnerOnly.createDirectories(root);
      SafeFiles.makeDirectories(root, area, Durability.NONE);
      areaIdentity = SafeFiles.identity(area);
    } catch (SafeFiles.RefusedFileException e) {
      throw refused(e);
    } catch (IOException e) {
      throw new StorageException("cannot resolve " + area + ": " + Failures.describe(e), e);
    }
    while (true) {
      String name = Long.toHexString(ThreadLocalRandom.current().nextLong());
      Path file = leaseOf(name);
      // Registered before it exists, so that no sweep of this JVM ever opens (and by closing,
      // unlocks) it.
      OwnLease ownLease = OwnLease.of(areaIdentity, file);
      OWN_LEASES.add(ownLease);
      try {
        AsynchronousFileChannel channel = AsyncChannels.createLocked(file);
        if (channel == null) { // a sweeper took the fresh file: start over with another name
          OWN_LEASES.remove(ownLease);
          continue;
        }
        Path directory = area.resolve(name);
        OwnerOnly.createDirectory(directory);
        lease = channel;
        return directory;
      } catch (FileAlreadyExistsException e) {
        OWN_LEASES.remove(ownLease); // that name is taken: draw another
      } catch (IOException e) {
        throw new StorageException("cannot start a session for temporary files in " + area, e);
      }
    }
  }

  /**
   * How {@link #OWN_LEASES} names the lease {@code file} of the area whose identity is {@code
   * area}: by the area's file key (device and inode), which every path to it shares, also one
   * {@code toRealPath} does not merge with another (a bind mount of a directory above the data
   * root, or a directory above it renamed after the session started), and the file's name; by the
   * area's real path where the file system gives no file key.
   */
  private record OwnLease(Object area, String file) {
    static OwnLease of(SafeFiles.Identity area, Path file) {
      Object fileKey = area.fileKey();
      return new OwnLease(
          fileKey != null ? fileKey : area.realPath(), String.valueOf(file.getFileName()));
    }
  }

  /**
   * Removes the sessions of processes that are gone, with their temporary files; a session whose
   * lease is locked (by a live process, this one included) is left alone.
   *
   * @return the directory of each session it removed that held temporary files, which only a write
   *     its process never finished leaves (a process that exits leaves its session empty: that is
   *     removed too, but not returned); what cannot be removed now is left for the next sweep
   * @throws StorageException if {@code .burrow/tmp/} cannot be listed, or it or {@code .burrow} is
   *     a link or not a directory (nothing is swept)
   */
  public List<Path> sweep() {
    return forEachGoneSession(GoneSession::remove);
  }

  /**
   * What {@link #sweep} would remove now and return, by the same rule, removing nothing: the
   * directories of the sessions of processes that are gone that hold temporary files. A session
   * found here may be removed by another process's sweep before anyone looks.
   *
   * @throws StorageException as {@link #sweep} does
   */
  public List<Path> leftovers() {
    return forEachGoneSession(session -> {});
  }

  /**
   * A session of a process that is gone, handed to an action while this process holds its lease
   * locked (or while it has no lease: its owner died before taking one), so no live process can
   * take it meanwhile.
   */
  private record GoneSession(Path directory, Path lease) {
    /**
     * Whether its directory holds a temporary file: a write its process never finished. One that
     * cannot be listed may: it counts as holding one, so that it is named rather than hidden. The
     * listing stops at the first name.
     */
    boolean holdsFiles() {
      if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      try (DirectoryStream<Path> listing = DirectoryListing.open(directory)) {
        return listing.iterator().hasNext();
      } catch (IOException | DirectoryIteratorException e) {
        return true;
      }
    }

    void remove() throws IOException {
      Trees.deleteQuietly(directory);
      Files.deleteIfExists(lease);
    }
  }

  /** What is done with a {@link GoneSession}. */
  private interface SessionAction {
    void apply(GoneSession session) throws IOException;
  }

  /**
   * Hands each session of a process that is gone to {@code action}, skipping this JVM's own, and
   * returns the directories of those that held temporary files.
   */
  private List<Path> forEachGoneSession(SessionAction action) {
    Set<String> sessions = new HashSet<>();
    SafeFiles.Identity areaIdentity;
    try {
      checkArea();
      areaIdentity = SafeFiles.identity(area);
      for (Path entry : DirectoryListing.entries(area)) {
        String name = entry.getFileName().toString();
        sessions.add(
            name.endsWith(LEASE_SUFFIX)
                ? name.substring(0, name.length() - LEASE_SUFFIX.length())
                : name);
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new StorageException("cannot list " + area + ": " + Failures.describe(e), e);
    }
    Path own = session;
    List<Path> gone = new ArrayList<>();
    for (String name : sessions) {
      if (own == null || !own.getFileName().toString().equals(name)) {
        ifGone(areaIdentity, name, action, gone);
      }
    }
    return gone;
  }

  /**
   * Removes each {@link #planted planted entry} of the area (a link, not what it points to; a FIFO;
   * an empty directory; a file in a session directory's place), which the {@link #sweep} never
   * opens (a lease) or never names, and leaves for {@code fsck} to name, and hands each directory
   * with entries to {@code keep}, which moves it out of the area and says where, or null if it is
   * gone (what a person put there is never deleted). A sweep after it removes the session directory
   * of a planted lease as one without a lease. For {@code fsck --repair}, which counts each one as
   * damage it repaired.
   *
   * @return the entries removed or kept, with what each was and where each kept one went
   * @throws StorageException if {@code .burrow/tmp/} cannot be listed, or it or {@code .burrow} is
   *     a link or not a directory (nothing is removed)
   */
  public List<PlantedEntry> removePlanted(Function<Path, @Nullable Path> keep) {
    List<PlantedEntry> removed = new ArrayList<>();
    try {
      for (Path entry : SafeFiles.entries(root, area)) {
        PlantedEntry planted = planted(entry);
        if (planted == null) {
          continue;
        }
        try {
          Files.deleteIfExists(entry); // never recursive: a directory goes only if it is empty
          removed.add(planted);
        } catch (DirectoryNotEmptyException holdsEntries) {
          Path keptAt = keep.apply(entry); // null if it went meanwhile
          if (keptAt != null) {
            removed.add(planted.kept(keptAt));
          }
        } catch (IOException notRemoved) {
          // left where it is: fsck names it again
        }
      }
      return removed;
    } catch (SafeFiles.RefusedFileException e) {
      throw refused(e);
    } catch (IOException e) {
      throw new StorageException("cannot list " + area + ": " + Failures.describe(e), e);
    }
  }

  /**
   * Refuses an area (or {@code .burrow}) that is a link or not a directory: through a link, files
   * outside the root would be swept.
   */
  private void checkArea() throws IOException {
    try {
      SafeFiles.checkDirectory(root, area);
    } catch (SafeFiles.RefusedFileException e) {
      throw refused(e);
    }
  }

  private static StorageException refused(SafeFiles.RefusedFileException e) {
    return new StorageException(
        e.getMessage() + "; no temporary file is written or swept through it", e);
  }

  /**
   * Applies {@code action} to the session {@code name} of the area whose identity is {@code
   * areaIdentity} if its process is gone: its lease is missing or not locked; while it runs, this
   * process holds the lease locked. Adds its directory to {@code gone} if it holds temporary files.
   * A lease this JVM holds is never opened, and one found locked by this JVM all the same (reached
   * by a way {@link OwnLease} does not know) is left alone with its channel kept open: closing it
   * would drop the lock.
   */
  private void ifGone(
      SafeFiles.Identity areaIdentity, String name, SessionAction action, List<Path> gone) {
    GoneSession found = new GoneSession(area.resolve(name), leaseOf(name));
    Path lease = found.lease();
    try {
      if (!Files.exists(lease, LinkOption.NOFOLLOW_LINKS)) {
        // A session directory without a lease: its owner died before taking the lease.
        apply(found, action, gone);
        return;
      }
      // A FIFO planted as a lease would block an open for writing alone until a reader comes,
      // and a link is never followed, not even to its real path. The open below is for reading
      // and writing, which returns at once on a FIFO swapped in after this look.
      SafeFiles.requireRegularFile(lease, false);
      if (OWN_LEASES.contains(OwnLease.of(areaIdentity, lease))) {
        return;
      }
      AsynchronousFileChannel channel =
          AsyncChannels.open(
              lease,
              Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
      AsyncChannels.LockTry tried = AsyncChannels.LockTry.HELD_BY_ANOTHER_PROCESS;
      try {
        tried = AsyncChannels.tryLock(channel);
        if (tried == AsyncChannels.LockTry.LOCKED) {
          apply(found, action, gone);
        }
      } finally {
        if (tried != AsyncChannels.LockTry.HELD_BY_THIS_JVM) {
          channel.close();
        }
      }
    } catch (IOException e) {
      // Vanished meanwhile, or not ours to open (a link, a FIFO or anything but a regular file):
      // left for fsck to name (and its repair to remove), or for the next sweep.
    }
  }

  private static void apply(GoneSession session, SessionAction action, List<Path> gone)
      throws IOException {
    if (session.holdsFiles()) {
      gone.add(session.directory());
    }
    action.apply(session);
  }
}
