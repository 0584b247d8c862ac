package dev.burrow.runtime.internal.fs;

import dev.burrow.Durability;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Opening the files Burrow reads and appends to so that a planted symbolic link, FIFO, socket,
 * device or directory can neither lead outside the data root, nor block a thread, nor fill memory.
 *
 * <p>Every open here is preceded, right before use, by a look at the path that does not follow
 * links and does not open anything ({@code lstat}), and is made with {@link
 * LinkOption#NOFOLLOW_LINKS} ({@code O_NOFOLLOW}):
 *
 * <ul>
 *   <li>{@link #checkWay} refuses a link, or anything but a directory, in place of any directory
 *       between the data root and the file (so {@code instances/}, {@code instances/<id>/} or
 *       {@code .burrow/trash} swapped for a link after the store was opened is refused too);
 *   <li>{@link #openToRead} and {@link #openToAppend} refuse a link, a FIFO, a socket, a device or
 *       a directory at the file itself, before opening it: opening a FIFO for reading blocks until
 *       a writer appears, and Java 17 cannot open with {@code O_NONBLOCK}. A FIFO swapped in after
 *       that look is refused by the opened handle: the file is opened for reading and writing,
 *       which on Linux opens a FIFO at once, and the channel is moved to its start (or end), which
 *       a FIFO refuses;
 *   <li>{@link #openToAppend} and {@link #requireSingleLink}, for the files Burrow writes in place,
 *       also refuse a regular file with more than one link: written in place, a hard link is
 *       written through as a symbolic link would be, to a file that may be outside the data root;
 *   <li>{@link #read} caps what it reads by the file's size before allocating anything.
 * </ul>
 *
 * <p><b>Residual races.</b> Java 17 has no {@code openat}, {@code O_NONBLOCK} or {@code fstat} on a
 * channel, so the checks look at paths; of the opened handle only its refusal to seek is seen. An
 * attacker who can write the data root and swaps an entry in the microseconds between the check and
 * the {@code open} can still win where that does not reach: a link swapped in for the file itself
 * is refused by {@code O_NOFOLLOW}; a FIFO swapped in is refused as above, but can still block the
 * one {@code open} of a file Burrow may not open for writing (a read-only file system, a file whose
 * permissions or attributes forbid it, a program running) or reads while it is executable, which is
 * opened for reading (or appending) alone; a directory swapped for a link on the way can lead that
 * one operation through the link. Directories are opened as {@code <directory>/.} ({@link
 * DirectoryListing}, {@link AtomicFiles#forceDirectory}), which a FIFO in their place fails at
 * once, except a directory a tree removal must make searchable again ({@link
 * DirectoryListing#throughDotOrByPath}). A race-free variant needs directory handles ({@link
 * java.nio.file.SecureDirectoryStream} on Linux), which cannot create directories or flush them;
 * Burrow chose the path checks for every operation, at the cost of one {@code lstat} per directory
 * on the way (a few hundred nanoseconds each).
 */
public final class SafeFiles {
  private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
  private static final Set<OpenOption> READ =
      Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> READ_WRITE =
      Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> READ_WRITE_CREATE =
      Set.of(
          StandardOpenOption.READ,
          StandardOpenOption.WRITE,
          StandardOpenOption.CREATE,
          LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> APPEND =
      Set.of(
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          StandardOpenOption.APPEND,
          LinkOption.NOFOLLOW_LINKS);
  private static final int S_IFMT = 0170000;

  private SafeFiles() {}

  /**
   * Thrown when a path is not what Burrow may use: a link, a special file, too large. Its message
   * is the path and the {@link #reason}; {@link #reasonAbout} and {@link #plantedReason} say the
   * same for messages that name the path another way or add Burrow's rule, so that no caller edits
   * the words.
   */
  public static final class RefusedFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;
    private final String predicate;
    private final boolean statesRule;

    /**
     * Refuses {@code path} for what {@code predicate} says of it, such as {@code "is a FIFO (named
     * pipe) but must be a regular file"}; {@code statesRule} if the predicate already says which
     * rule of Burrow's refuses it (that it never follows a link, or never writes through a hard
     * link).
     */
    RefusedFileException(Path path, String predicate, boolean statesRule) {
      super(path + ": it " + predicate);
      this.path = path;
      this.predicate = predicate;
      this.statesRule = statesRule;
    }

    /** The path that was refused. */
    public Path path() {
      return path;
    }

    /** Why, in words, such as "it is a symbolic link but must be a directory; ...". */
    public String reason() {
      return reasonAbout("it");
    }

    /**
     * The {@link #reason} with {@code subject} in place of its leading "it", for a message that
     * calls the path something else, such as "its instance directory is a symbolic link but ...".
     */
    public String reasonAbout(String subject) {
      return subject + " " + predicate;
    }

    /**
     * The {@link #reason} with Burrow's rule said once: followed by "Burrow refuses to use a
     * planted path in its data root" unless the reason says a rule already (a link Burrow never
     * follows, a hard link it never writes through).
     */
    public String plantedReason() {
      return statesRule
          ? reason()
          : reason() + "; Burrow refuses to use a planted path in its data root";
    }
  }

  /**
   * The attributes of what is at {@code path}, without following a link; null if nothing. Where the
   * file system has POSIX attributes they are {@link PosixFileAttributes} (the same {@code lstat}),
   * whose permissions {@link #openToRead} looks at.
   */
  public static @Nullable BasicFileAttributes lstat(Path path) throws IOException {
    try {
      return path.getFileSystem().supportedFileAttributeViews().contains("posix")
          ? Files.readAttributes(path, PosixFileAttributes.class, NO_FOLLOW)
          : Files.readAttributes(path, BasicFileAttributes.class, NO_FOLLOW);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * What is at {@code path}, in words for a message ("a symbolic link", "a FIFO (named pipe)", "a
   * socket", "a device", "a directory", "a regular file").
   */
  public static String describe(Path path, BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (attributes.isDirectory()) {
      return "a directory";
    }
    if (attributes.isRegularFile()) {
      return "a regular file";
    }
    return switch (mode(path) & S_IFMT) {
      case 0010000 -> "a FIFO (named pipe)";
      case 0140000 -> "a socket";
      case 0020000, 0060000 -> "a device";
      default -> "a special file";
    };
  }

  private static int mode(Path path) {
    try {
      return (Integer) Files.getAttribute(path, "unix:mode", NO_FOLLOW);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 0;
    }
  }

  /**
   * Checks, right before use, that every entry between {@code root} (trusted, not checked) and
   * {@code path}'s parent (checked) is a directory and not a symbolic link. Cost: one {@code lstat}
   * per directory on the way.
   *
   * @throws RefusedFileException naming the first entry that is a link or not a directory
   * @throws NoSuchFileException naming the first directory that is missing
   * @throws IllegalArgumentException if {@code path} is not below {@code root}
   */
  public static void checkWay(Path root, Path path) throws IOException {
    checkDirectories(root, path, false);
  }

  /**
   * Checks, right before use, that {@code directory} and every entry between {@code root} and it
   * are directories and not symbolic links: {@link #checkWay} with the directory itself checked
   * too.
   *
   * @throws RefusedFileException naming the first entry that is a link or not a directory
   * @throws NoSuchFileException naming the first directory that is missing
   */
  public static void checkDirectory(Path root, Path directory) throws IOException {
    checkDirectories(root, directory, true);
  }

  /**
   * What tells a directory from every other: where it is, links resolved, and its file key (device
   * and inode) where the file system has one, so that a directory made in place of one moved away
   * is another.
   *
   * @param realPath the directory's path with links resolved
   * @param fileKey its file key, or null where the file system has none
   */
  public record Identity(Path realPath, @Nullable Object fileKey) {}

  /**
   * The {@link Identity} of the directory {@code directory} leads to now, links on the way
   * followed.
   *
   * @throws NoSuchFileException if nothing is there
   */
  public static Identity identity(Path directory) throws IOException {
    Path real = directory.toRealPath();
    return new Identity(
        real, Files.readAttributes(real, BasicFileAttributes.class, NO_FOLLOW).fileKey());
  }

  /**
   * Checks, right before use, that {@code directory} still leads to the directory whose {@link
   * #identity} was taken: not to one made in its place after it was moved away, nor elsewhere
   * through a link on the way that now leads to another.
   *
   * @throws RefusedFileException naming {@code directory} if it leads to another directory
   * @throws NoSuchFileException if nothing is there
   */
  public static void checkIdentity(Path directory, Identity identity) throws IOException {
    if (!identity(directory).equals(identity)) {
      throw new RefusedFileException(
          directory,
          "is no longer the directory it was when Burrow began to use it (that one was moved"
              + " away and another made in its place, or a link on the way leads elsewhere now)",
          false);
    }
  }

  /**
   * Makes {@code directory} and every missing directory between {@code root} (trusted, not checked
   * or made) and it, owner-only (0700), one at a time from the top: each entry on the way is looked
   * at right before it is used ({@code lstat}), and one that is a link or not a directory is
   * refused, so nothing is ever made through a link. Under {@link Durability#FSYNC} the parent of
   * every directory made is flushed. Cost: one {@code lstat} per directory on the way, and one
   * {@code mkdir} (and flush) per directory made.
   *
   * @throws RefusedFileException naming the first entry on the way that is a link or not a
   *     directory
   * @throws NoSuchFileException if {@code root} is missing
   * @throws IOException if a directory cannot be made or flushed
   */
  public static void makeDirectories(Path root, Path directory, Durability durability)
      throws IOException {
    walkDirectories(root, directory, true, durability);
  }

  private static void checkDirectories(Path root, Path path, boolean inclusive) throws IOException {
    walkDirectories(root, path, inclusive, null);
  }

  /**
   * Looks at every entry from below {@code root} to {@code path} ({@code path} itself only if
   * {@code inclusive}), refusing a link or anything but a directory; a missing one is made if
   * {@code make} says how durably, else it is reported missing.
   */
  private static void walkDirectories(
      Path root, Path path, boolean inclusive, @Nullable Durability make) throws IOException {
    Path absoluteRoot = root.toAbsolutePath().normalize();
    Path absolute = path.toAbsolutePath().normalize();
    if (!absolute.startsWith(absoluteRoot) || absolute.equals(absoluteRoot)) {
      throw new IllegalArgumentException(path + " is not below " + root);
    }
    Path current = absoluteRoot;
    Path relative = absoluteRoot.relativize(absolute);
    int count = relative.getNameCount() - (inclusive ? 0 : 1);
    for (int i = 0; i < count; i++) {
      current = current.resolve(relative.getName(i));
      BasicFileAttributes attributes = lstat(current);
      if (attributes == null && make != null) {
        attributes = makeDirectory(current, make);
      }
      if (attributes == null) {
        throw new NoSuchFileException(current.toString());
      }
      if (!attributes.isDirectory()) {
        throw refusal(current, attributes, "must be a directory");
      }
    }
  }

  /** Makes the directory {@code directory}; what is there then, made by this call or meanwhile. */
  private static @Nullable BasicFileAttributes makeDirectory(Path directory, Durability durability)
      throws IOException {
    try {
      OwnerOnly.createDirectory(directory, durability);
    } catch (FileAlreadyExistsException e) {
      // something else was put there meanwhile: looked at below
    }
    return lstat(directory);
  }

  /**
   * The entries of {@code directory}, checked right before it is listed as {@link #checkDirectory}
   * does; empty if it is missing (or vanishes while listed).
   *
   * @throws RefusedFileException naming the first entry on the way that is a link or not a
   *     directory
   * @throws IOException if the directory cannot be listed
   */
  public static List<Path> entries(Path root, Path directory) throws IOException {
    try {
      checkDirectory(root, directory);
      return DirectoryListing.entries(directory);
    } catch (NoSuchFileException e) {
      return new ArrayList<>();
    }
  }

  /**
   * Opens the regular file at {@code path} for reading, refusing anything else without opening it.
   *
   * @throws NoSuchFileException if nothing is there
   * @throws RefusedFileException if a link, FIFO, socket, device or directory is there
   */
  public static FileChannel openToRead(Path path) throws IOException {
    return openRegular(path, requireRegularFile(path), READ_WRITE, READ, false);
  }

  /**
   * {@link #openToRead}, refusing also a regular file with more than one link ({@link
   * #requireSingleLink}): for reading a file Burrow also writes in place, so that its readers
   * report what its writers refuse.
   *
   * @throws NoSuchFileException if nothing is there
   * @throws RefusedFileException if a link, FIFO, socket, device or directory is there, or a
   *     regular file with more than one link
   */
  public static FileChannel openToReadSingleLink(Path path) throws IOException {
    return openRegular(path, requireSingleLink(path, false), READ_WRITE, READ, false);
  }

  /**
   * Opens the regular file at {@code path} for appending, creating it (with {@code attributes}) if
   * nothing is there; anything but a regular file with one link ({@link #requireSingleLink}) is
   * refused without opening it.
   *
   * @throws RefusedFileException if a link, FIFO, socket, device or directory is there, or a
   *     regular file with more than one link
   */
  public static FileChannel openToAppend(Path path, FileAttribute<?>... attributes)
      throws IOException {
    return openRegular(
        path, requireSingleLink(path, true), READ_WRITE_CREATE, APPEND, true, attributes);
  }

  /**
   * Refuses, without opening it, anything at {@code path} but a regular file with a single link
   * (name), for a file Burrow writes in place: through a second name, a hard link that someone who
   * can write the data root made to a file elsewhere (as root, to any file of the file system),
   * such a write would change that file, as a write through a symbolic link would. Files Burrow
   * replaces by a rename are never written through and need no such check. Where the file system
   * does not tell the link count (no {@code unix} attribute view), a regular file is taken. Like
   * the other checks here it looks at the path right before the open, with the same residual race.
   * Cost: one {@code lstat} more than {@link #requireRegularFile} for a regular file.
   *
   * @return what the look saw, null if nothing is there (and it may be missing)
   * @throws NoSuchFileException if nothing is there and it must be
   * @throws RefusedFileException if something else is there, or a regular file with more than one
   *     link
   */
  public static @Nullable BasicFileAttributes requireSingleLink(Path path, boolean mayBeMissing)
      throws IOException {
    BasicFileAttributes attributes = lstat(path);
    if (attributes == null && mayBeMissing) {
      return null;
    }
    requireRegular(path, attributes);
    int links = links(path);
    if (links > 1) {
      throw new RefusedFileException(
          path,
          "is a regular file with "
              + links
              + " links (hard links) but must have one; Burrow never writes through a hard link,"
              + " which may be another file's name outside its data root",
          true);
    }
    return attributes;
  }

  /**
   * How many names the file at {@code path} has, without following a link; 1 where the file system
   * does not tell.
   */
  public static int links(Path path) throws IOException {
    try {
      return (Integer) Files.getAttribute(path, "unix:nlink", NO_FOLLOW);
    } catch (UnsupportedOperationException | IllegalArgumentException | NoSuchFileException e) {
      return 1;
    }
  }

  /**
   * The options that open a lock or lease file for reading and writing, creating it if missing,
   * without following a link: for channels this class does not open itself (asynchronous ones).
   * Call {@link #requireRegularFile} with {@code mayBeMissing} first.
   */
  public static Set<OpenOption> readWriteCreate() {
    return Set.of(
        StandardOpenOption.READ,
        StandardOpenOption.WRITE,
        StandardOpenOption.CREATE,
        LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Refuses, without opening it, anything at {@code path} but a regular file; nothing there is
   * refused too unless {@code mayBeMissing}.
   *
   * @throws NoSuchFileException if nothing is there and it must be
   * @throws RefusedFileException if something else is there
   */
  public static void requireRegularFile(Path path, boolean mayBeMissing) throws IOException {
    BasicFileAttributes attributes = lstat(path);
    if (attributes != null || !mayBeMissing) {
      requireRegular(path, attributes);
    }
  }

  /**
   * Refuses, without opening it, what {@link #read read(path, maxBytes)} would refuse: anything but
   * a regular file, or one larger than {@code maxBytes}; nothing there is not refused.
   *
   * @throws RefusedFileException if it is not a regular file or is larger than {@code maxBytes}
   */
  public static void requireReadable(Path path, int maxBytes) throws IOException {
    BasicFileAttributes attributes = lstat(path);
    if (attributes != null) {
      requireAtMost(path, requireRegular(path, attributes).size(), maxBytes);
    }
  }

  /**
   * Copies the first {@code size} bytes of {@code from} (the file {@code source}, open to read) to
   * {@code to}, by the kernel where it can, in bounded memory.
   *
   * @throws IOException if a read or write fails, or the file ends before {@code size} bytes
   */
  public static void copy(FileChannel from, long size, WritableByteChannel to, Path source)
      throws IOException {
    for (long done = 0; done < size; ) {
      long copied = from.transferTo(done, size - done, to);
      if (copied == 0) {
        throw new IOException(source + " shrank below " + size + " bytes while it was copied");
      }
      done += copied;
    }
  }

  /**
   * The whole content of the regular file at {@code path}, which must hold at most {@code maxBytes}
   * (checked before anything is allocated). The size comes from the {@code lstat} that refuses
   * special files, so a file that keeps its size costs one {@code open}, one {@code read} and one
   * {@code close}: the read asks for one byte more than that size, and a file that returns exactly
   * its size to it has ended (a regular file returns less than asked only at its end). A file that
   * returned anything else (replaced or grown since that look) is read on to its end.
   *
   * @throws NoSuchFileException if nothing is there
   * @throws RefusedFileException if it is not a regular file or is larger than {@code maxBytes}
   */
  public static byte[] read(Path path, int maxBytes) throws IOException {
    return readSeen(path, maxBytes).bytes();
  }

  /**
   * A file's content with the attributes of the file that the {@code lstat} before the open saw.
   * The content may be newer than those attributes (the file replaced between the look and the
   * open), never older.
   */
  public static final class Seen {
    private final byte[] bytes;
    private final BasicFileAttributes attributes;

    /** What was read, {@code bytes}, and what the look before the read saw, {@code attributes}. */
    public Seen(byte[] bytes, BasicFileAttributes attributes) {
      this.bytes = bytes;
      this.attributes = attributes;
    }

    /** The content read; shared, not copied. */
    public byte[] bytes() {
      return bytes;
    }

    /** What the {@code lstat} before the read saw. */
    public BasicFileAttributes attributes() {
      return attributes;
    }
  }

  /**
   * {@link #read}, also returning what the {@code lstat} before the open saw, at no extra cost.
   *
   * @throws NoSuchFileException if nothing is there
   * @throws RefusedFileException if it is not a regular file or is larger than {@code maxBytes}
   */
  public static Seen readSeen(Path path, int maxBytes) throws IOException {
    BasicFileAttributes attributes = requireRegularFile(path);
    return new Seen(readAll(path, attributes, maxBytes), attributes);
  }

  private static byte[] readAll(Path path, BasicFileAttributes attributes, int maxBytes)
      throws IOException {
    long seen = attributes.size();
    requireAtMost(path, seen, maxBytes);
    try (FileChannel channel = openRegular(path, attributes, READ_WRITE, READ, false)) {
      ByteBuffer buffer = ByteBuffer.allocate((int) seen + 1);
      if (channel.read(buffer) != seen) {
        fill(channel, buffer);
      }
      if (buffer.hasRemaining()) {
        return Arrays.copyOf(buffer.array(), buffer.position());
      }
      long size = Math.max(channel.size(), seen + 1);
      requireAtMost(path, size, maxBytes);
      ByteBuffer whole = ByteBuffer.allocate((int) size);
      whole.put(buffer.flip());
      fill(channel, whole);
      return whole.hasRemaining() ? Arrays.copyOf(whole.array(), whole.position()) : whole.array();
    }
  }

  private static void requireAtMost(Path path, long size, int maxBytes)
      throws RefusedFileException {
    if (size > maxBytes) {
      throw new RefusedFileException(
          path, "is " + size + " bytes, more than the limit of " + maxBytes, false);
    }
  }

  /** Reads until {@code buffer} is full or the file ends. */
  private static void fill(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // reads until the buffer is full or the file ends
    }
  }

  /** What {@link #requireRegularFile(Path, boolean)} looked at, for a file that must be there. */
  private static BasicFileAttributes requireRegularFile(Path path) throws IOException {
    return requireRegular(path, lstat(path));
  }

  private static BasicFileAttributes requireRegular(
      Path path, @Nullable BasicFileAttributes attributes) throws IOException {
    if (attributes == null) {
      throw new NoSuchFileException(path.toString());
    }
    if (!attributes.isRegularFile()) {
      throw refusal(path, attributes, "must be a regular file");
    }
    return attributes;
  }

  /**
   * Opens the file at {@code path}, just looked at as a regular file, so that a FIFO swapped in
   * since cannot block the caller: with {@code readWrite} options, since on Linux opening a FIFO
   * for reading and writing returns at once (opening it for reading alone waits for a writer, and
   * Java 17 cannot open with {@code O_NONBLOCK}), and then by moving to the start, or to the end
   * for {@code atEnd}, which a FIFO refuses ({@code ESPIPE}): the channel is closed and the path
   * refused before anything reads from it. So the opened handle itself is checked, and the check
   * costs one {@code lseek}. The open writes nothing, but is seen as one for writing: an overlay
   * file system copies a lower layer's file up, an inotify watcher sees {@code IN_CLOSE_WRITE}, and
   * a read lease on the file is broken. A file to read that the look ({@code seen}) showed
   * executable by anyone is opened with the {@code fallback} options straight away, since while it
   * is open for writing it cannot be run ({@code ETXTBSY}); so is any file whose open for reading
   * and writing fails (a read-only file system, its permissions, an immutable or append-only file,
   * a program running, an I/O error, which the second open meets again). For those a FIFO swapped
   * in during the microseconds since the look can block that one open (the residual race of the
   * class description) until its other end comes; the seek then refuses it all the same.
   */
  private static FileChannel openRegular(
      Path path,
      @Nullable BasicFileAttributes seen,
      Set<OpenOption> readWrite,
      Set<OpenOption> fallback,
      boolean atEnd,
      FileAttribute<?>... attributes)
      throws IOException {
    FileChannel channel;
    if (!atEnd && isExecutable(seen)) {
      channel = open(path, fallback, attributes);
    } else {
      try {
        channel = open(path, readWrite, attributes);
      } catch (NoSuchFileException | RefusedFileException e) {
        throw e;
      } catch (IOException e) {
        channel = open(path, fallback, attributes);
      }
    }
    try {
      channel.position(atEnd ? channel.size() : 0);
      return channel;
    } catch (ClosedByInterruptException e) {
      throw e;
    } catch (IOException e) {
      channel.close();
      BasicFileAttributes now = lstat(path);
      if (now != null && !now.isRegularFile()) {
        throw refusal(path, now, "must be a regular file");
      }
      throw new RefusedFileException(
          path,
          "was a FIFO (named pipe) or another special file when Burrow opened it (a regular file"
              + " is there again now) but must be a regular file",
          false);
    }
  }

  /**
   * Whether {@code seen} (an {@code lstat}'s attributes, null for a file not there yet) grants
   * anyone execute permission: such a file may be a program, which cannot be run while it is open
   * for writing.
   */
  private static boolean isExecutable(@Nullable BasicFileAttributes seen) {
    if (!(seen instanceof PosixFileAttributes posix)) {
      return false;
    }
    Set<PosixFilePermission> permissions = posix.permissions();
    return permissions.contains(PosixFilePermission.OWNER_EXECUTE)
        || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
        || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
  }

  private static FileChannel open(
      Path path, Set<OpenOption> options, FileAttribute<?>... attributes) throws IOException {
    try {
      return FileChannel.open(path, options, attributes);
    } catch (FileSystemLoopException e) {
      // O_NOFOLLOW met a link swapped in after the check.
      throw new RefusedFileException(path, "is a symbolic link; Burrow never follows it", true);
    } catch (IOException e) {
      BasicFileAttributes now = lstat(path);
      if (now != null && (now.isSymbolicLink() || !now.isRegularFile())) {
        throw refusal(path, now, "must be a regular file");
      }
      throw e;
    }
  }

  private static RefusedFileException refusal(
      Path path, BasicFileAttributes attributes, String rule) {
    return new RefusedFileException(
        path, refusedFor(path, attributes, rule), attributes.isSymbolicLink());
  }

  /**
   * Why what is at {@code path} ({@code attributes}, from {@link #lstat}) is refused where {@code
   * rule} holds, such as {@code "must be a directory"}: what it is, the rule, and for a link that
   * Burrow never follows one.
   */
  public static String refusalReason(Path path, BasicFileAttributes attributes, String rule) {
    return "it " + refusedFor(path, attributes, rule);
  }

  /** {@link #refusalReason} without its subject: "is ... but {@code rule}". */
  private static String refusedFor(Path path, BasicFileAttributes attributes, String rule) {
    return "is "
        + describe(path, attributes)
        + " but "
        + rule
        + (attributes.isSymbolicLink() ? "; Burrow never follows links inside its data root" : "");
  }
}
