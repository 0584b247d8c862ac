package dev.burrow.runtime.internal.index;

import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AsyncResults;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.jfr.FlushEvent;
import dev.burrow.runtime.internal.shard.ShardDirectories;
import dev.burrow.spi.PathSegments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Makes the index entries of a durable write survive a power cut at one device flush per write,
 * however many entries it adds and whether their value directories are new. Burrow's own durability
 * code, written by hand: no library keeps a redo log of file names.
 *
 * <pre>
 * &lt;root&gt;/.burrow/journal/&lt;random&gt;.log   the entries one process added since its last checkpoint
 * </pre>
 *
 * <p>A writer holding the instance's lock creates its new entries without flushing them, appends
 * one line per entry ({@code <index>/<value>/<id>}; its shards follow from the ID) to its process's
 * log, and flushes the log: that one {@code fdatasync} is all the index costs the write; then it
 * writes the document. After a power cut, the log names every entry whose document may have reached
 * the device, so an entry can be missing on the device only while its log line is there.
 *
 * <ul>
 *   <li><b>Replay.</b> Opening a store replays the logs of processes that are gone: each named
 *       entry that is missing is made again if the caller's check says its instance still holds the
 *       value (an entry that a later write of its instance removed stays removed), the directories
 *       are flushed, and the log is removed. Cost: one listing of {@code .burrow/journal/} and one
 *       lock attempt per log, proportional to the processes, not to the instances, plus the check
 *       of each missing entry a dead process's log names. An entry made for a document that never
 *       got written is stale, which queries already tolerate and remove.
 *   <li><b>Checkpoint.</b> Once a log holds {@link #CHECKPOINT_BYTES}, the process starts a new
 *       log, the write that filled the old one flushes the directories its entries were made in,
 *       and then removes it: one flush per directory touched, every few thousand writes. Only that
 *       write waits for the flushes; the process's other writes go on into the new log meanwhile.
 *   <li><b>Liveness.</b> Each log is locked by its process for the JVM's lifetime (an OS lock,
 *       released however the process dies), through a channel an interrupt does not close: a log
 *       that can be locked belongs to a process that is gone.
 *   <li><b>Hostile files.</b> The journal directory and the way to every entry are checked not to
 *       be links before use; a line that is not the path of an entry is skipped. A log larger than
 *       {@link #MAX_LOG_BYTES}, which no process's log grows to since each is emptied at {@link
 *       #CHECKPOINT_BYTES}, is left alone unread, as a link or a FIFO is: a planted sparse file of
 *       a terabyte costs an open one {@code lstat}, not hours of reading holes.
 * </ul>
 */
public final class IndexJournal {
  /** The size of a log at which its entries are flushed in place and it is emptied. */
  static final long CHECKPOINT_BYTES = 256 * 1024;

  /**
   * The largest log a replay reads: 64 times {@link #CHECKPOINT_BYTES}. A log outgrows the
   * checkpoint only by the lines of the writes committed while its checkpoint waits for them, a few
   * lines each.
   */
  static final int MAX_LOG_BYTES = 64 * (int) CHECKPOINT_BYTES;

  private static final String SUFFIX = ".log";
  private static final int MAX_LINE_BYTES = 4096;
  private static final ConcurrentHashMap<Path, IndexJournal> PER_ROOT = new ConcurrentHashMap<>();

  /** Logs this JVM holds, by real path: never opened again, or their lock would drop. */
  private static final Set<Path> OWN_LOGS = ConcurrentHashMap.newKeySet();

  private final Path dataRoot;
  private final Path indexes;
  private final Path directory;
  private final long checkpointBytes;
  private final DirectoryFlush directoryFlush;
  private final ReadWriteLock checkpoint = new ReentrantReadWriteLock();
  private final Set<Path> touched = ConcurrentHashMap.newKeySet();
  private @Nullable AsynchronousFileChannel log;
  private @Nullable Path logFile;
  private long end;

  /**
   * Logs whose checkpoint could not flush their directories, held open so their locks stay held: a
   * replay brings back what they name once this process is gone.
   */
  private final List<Appended> unflushed = new ArrayList<>();

  /** Flushes a directory's entries to the device. */
  @FunctionalInterface
  interface DirectoryFlush {
    void force(Path directory) throws IOException;
  }

  /**
   * The journal of {@code dataRoot} (absolute and normalized), emptied at {@code checkpointBytes};
   * {@link #forRoot} gives the one a JVM uses.
   */
  IndexJournal(Path dataRoot, long checkpointBytes) {
    this(dataRoot, checkpointBytes, AtomicFiles::forceDirectory);
  }

  /** The same, flushing directories with {@code directoryFlush}. */
  IndexJournal(Path dataRoot, long checkpointBytes, DirectoryFlush directoryFlush) {
    this.dataRoot = dataRoot;
    this.checkpointBytes = checkpointBytes;
    this.directoryFlush = directoryFlush;
    this.indexes = dataRoot.resolve(".burrow").resolve("indexes");
    this.directory = dataRoot.resolve(".burrow").resolve("journal");
  }

  /** The journal of the data root {@code dataRoot}; one per root per JVM. */
  public static IndexJournal forRoot(Path dataRoot) {
    return PER_ROOT.computeIfAbsent(
        dataRoot.toAbsolutePath().normalize(), root -> new IndexJournal(root, CHECKPOINT_BYTES));
  }

  /** {@code .burrow/journal/}, where the logs are. */
  public Path directory() {
    return directory;
  }

  @Override
  public String toString() {
    return "the index journal " + directory;
  }

  /** A write's entries on their way to the device; see {@link #begin}. */
  public final class Write implements AutoCloseable {
    private final List<Path> entries = new ArrayList<>();
    private boolean closed;

    private Write() {}

    /** Records that the entry {@code entry}, under {@code .burrow/indexes/}, was just made. */
    public void made(Path entry) {
      entries.add(entry);
    }

    /**
     * Appends the entries made to the log and flushes it: they survive a power cut from here on. If
     * that fills the log, this write then runs the checkpoint (see the class comment).
     *
     * @throws IOException if the log cannot be written or flushed, or the checkpoint cannot flush
     *     the directories of its entries
     */
    public void commit() throws IOException {
      if (entries.isEmpty()) {
        return;
      }
      StringBuilder lines = new StringBuilder();
      for (Path entry : entries) {
        List<Path> directories = FieldIndex.directoriesOf(entry);
        lines
            .append(directories.get(0).getFileName())
            .append('/')
            .append(directories.get(1).getFileName())
            .append('/')
            .append(entry.getFileName())
            .append('\n');
        touched.addAll(directories);
      }
      try {
        Appended appended = append(lines.toString().getBytes(StandardCharsets.UTF_8));
        // Still counted as a write in progress: a checkpoint never retires a log before the
        // lines of every write appended to it are flushed.
        FlushEvent.record(appended.file(), false, () -> appended.channel().force(false));
      } finally {
        close();
      }
      checkpointIfFull();
    }

    /** Lets a checkpoint run again; {@link #commit} does so too. */
    @Override
    public void close() {
      if (!closed) {
        closed = true;
        checkpoint.readLock().unlock();
      }
    }
  }

  /**
   * Starts a write: until it is committed or closed, no checkpoint empties the log, so the entries
   * it makes meanwhile are either in the log or flushed by the next checkpoint.
   */
  public Write begin() {
    checkpoint.readLock().lock();
    return new Write();
  }

  /**
   * Replays the logs of processes that are gone (see the class comment) and removes them: a missing
   * entry they name is made again only if {@code stillHeld} says its instance still holds its
   * value. A file there that {@link #checkLog} refuses (a planted link or FIFO, a file larger than
   * any log) is left alone, never opened.
   *
   * @throws StorageException if the journal directory is a link or cannot be listed, or an entry
   *     cannot be made again
   */
  public void replayAbandoned(Predicate<Path> stillHeld) {
    List<Path> logs = new ArrayList<>();
    try {
      if (SafeFiles.lstat(directory) == null) {
        return;
      }
      SafeFiles.checkDirectory(dataRoot, directory);
      try (DirectoryStream<Path> found = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
        found.forEach(logs::add);
      }
      for (Path file : logs) {
        replayIfAbandoned(file, stillHeld);
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot replay the index journal in " + directory + ": " + Failures.describe(e), e);
    }
  }

  private void replayIfAbandoned(Path file, Predicate<Path> stillHeld) throws IOException {
    try {
      checkLog(file);
      if (OWN_LOGS.contains(file.toRealPath())) {
        return;
      }
      try (AsynchronousFileChannel channel =
          AsynchronousFileChannel.open(
              file,
              Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
              null)) {
        if (channel.tryLock() == null) {
          return;
        }
        flush(remakeAll(channel, stillHeld));
        Files.delete(file);
      }
    } catch (SafeFiles.RefusedFileException | NoSuchFileException e) {
      // not a log Burrow wrote, or replayed and removed meanwhile by another process
    }
  }

  /**
   * Refuses, without opening it, what a replay leaves alone in {@code .burrow/journal/}: anything
   * but a regular file, or one larger than {@link #MAX_LOG_BYTES}; nothing there is not refused.
   * One {@code lstat}.
   *
   * @throws SafeFiles.RefusedFileException if it is refused, naming why
   */
  public static void checkLog(Path file) throws IOException {
    SafeFiles.requireReadable(file, MAX_LOG_BYTES);
  }

  /** Whether {@code file}, an entry of {@code .burrow/journal/}, is named as a log. */
  public static boolean isLog(Path file) {
    return String.valueOf(file.getFileName()).endsWith(SUFFIX);
  }

  /**
   * Makes again every entry the log open as {@code channel} names that is missing and {@code
   * stillHeld} (read through that channel: one opened beside it would drop its lock when closed);
   * returns the directories to flush. An unfinished last line (a torn append, never flushed) and
   * lines too long to be an entry are skipped.
   */
  private Set<Path> remakeAll(AsynchronousFileChannel channel, Predicate<Path> stillHeld)
      throws IOException {
    Set<Path> directories = new LinkedHashSet<>();
    ByteBuffer chunk = ByteBuffer.allocate(8192);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean tooLong = false;
    long position = 0;
    // Bounded again on the opened file: one grown or swapped in since it was checked.
    for (int read;
        position < MAX_LOG_BYTES && (read = AsyncResults.await(channel.read(chunk, position))) > 0;
        chunk.clear()) {
      position += read;
      chunk.flip();
      while (chunk.hasRemaining()) {
        byte next = chunk.get();
        if (next != '\n') {
          tooLong |= line.size() == MAX_LINE_BYTES;
          if (!tooLong) {
            line.write(next);
          }
          continue;
        }
        Path entry = tooLong ? null : entryOf(line.toString(StandardCharsets.UTF_8));
        if (entry != null && remake(entry, stillHeld)) {
          directories.addAll(FieldIndex.directoriesOf(entry));
        }
        line.reset();
        tooLong = false;
      }
    }
    return directories;
  }

  /**
   * The entry a log line ({@code <index>/<value>/<id>}) names, in its shards ({@link FieldIndex}),
   * or null if the line is not that of one.
   */
  private @Nullable Path entryOf(String line) {
    String[] names = line.split("/", -1);
    if (names.length != 3 || !PathSegments.isValid(names[2])) {
      return null;
    }
    for (String name : names) {
      if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
        return null;
      }
    }
    return FieldIndex.entry(indexes.resolve(names[0]).resolve(names[1]), names[2]);
  }

  /**
   * Makes {@code entry} again if it is missing and {@code stillHeld}; true if it is there now, to
   * be flushed; false if its index is gone (the component is no longer indexed), it was not needed,
   * or something that is not a directory stands in the place of its index's, value's or shard's
   * directory (the index is then rebuilt before its next use).
   */
  private boolean remake(Path entry, Predicate<Path> stillHeld) throws IOException {
    List<Path> directories = FieldIndex.directoriesOf(entry);
    try {
      SafeFiles.checkDirectory(dataRoot, directories.get(0));
    } catch (NoSuchFileException e) {
      return false;
    } catch (SafeFiles.RefusedFileException e) {
      if (!e.path().equals(directories.get(0))) {
        throw e;
      }
      // The index's own directory is a link or a file: opening the store replaces it by an
      // incomplete index, rebuilt from the documents; nothing is made through it.
      return false;
    }
    try {
      return remakeInPlace(entry, directories, stillHeld);
    } catch (SafeFiles.RefusedFileException e) {
      // Something planted in a value's or a shard's place (a link, a file): the entry cannot be
      // made there, so the index is left incomplete, rebuilt from the documents before its next
      // use, and the rest of the log is replayed.
      FieldIndex.markIncomplete(directories.get(0), Durability.FSYNC);
      return false;
    }
  }

  /** {@link #remake} once its index's directory is known to be one. */
  private boolean remakeInPlace(Path entry, List<Path> directories, Predicate<Path> stillHeld)
      throws IOException {
    if (!exists(entry) && !stillHeld.test(entry)) {
      return false;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        for (Path made : directories.subList(1, directories.size())) {
          try {
            OwnerOnly.createDirectory(made);
          } catch (FileAlreadyExistsException e) {
            // there already, or planted: checked below
          }
          SafeFiles.checkDirectory(dataRoot, made);
        }
        Files.createFile(entry, OwnerOnly.fileAttributes(entry));
        return true;
      } catch (FileAlreadyExistsException e) {
        return true; // never lost, or made again by another replay
      } catch (NoSuchFileException e) {
        if (attempt == ShardDirectories.MAX_RACES) {
          throw e;
        }
        // a live process removed a shard as it emptied, between its making and its use
      }
    }
  }

  /** Whether {@code entry} is there, never following a link on the way. */
  private boolean exists(Path entry) throws IOException {
    try {
      SafeFiles.checkWay(dataRoot, entry);
    } catch (NoSuchFileException e) {
      return false;
    }
    return SafeFiles.lstat(entry) != null;
  }

  /** The log appended to: its file and its channel. */
  private record Appended(Path file, AsynchronousFileChannel channel) {}

  private Appended append(byte[] lines) throws IOException {
    synchronized (this) {
      if (log == null) {
        openLog();
      }
      Appended appended =
          new Appended(Objects.requireNonNull(logFile), Objects.requireNonNull(log));
      ByteBuffer buffer = ByteBuffer.wrap(lines);
      while (buffer.hasRemaining()) {
        end += AsyncResults.await(appended.channel().write(buffer, end));
      }
      return appended;
    }
  }

  /** Creates this process's log, locked for the JVM's lifetime, with its name durable. */
  private void openLog() throws IOException {
    SafeFiles.makeDirectories(dataRoot, directory, Durability.FSYNC);
    Path file =
        directory.resolve(Long.toHexString(ThreadLocalRandom.current().nextLong()) + SUFFIX);
    OWN_LOGS.add(ownName(file));
    AsynchronousFileChannel channel =
        AsynchronousFileChannel.open(
            file,
            Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            null,
            OwnerOnly.fileAttributes(file));
    if (channel.tryLock() == null) {
      channel.close();
      throw new IOException(file + " was locked by another process as soon as it was made");
    }
    AtomicFiles.forceDirectory(directory);
    log = channel;
    logFile = file;
    end = 0;
  }

  /** How {@link #OWN_LOGS} names this process's log {@code file}. */
  private Path ownName(Path file) throws IOException {
    return directory.toRealPath().resolve(String.valueOf(file.getFileName()));
  }

  /**
   * Retires a full log: with no write between {@link #begin} and the end of its {@link
   * Write#commit} (they would add entries the flushes might miss), the log and the directories
   * touched since the last checkpoint are taken aside, so the next write starts a new log; then,
   * with the other writes going on, those directories are flushed and the retired log removed. If a
   * flush fails, the retired log is kept, locked, its directories are flushed again by the next
   * checkpoint, and a replay after this process ends brings back what it names.
   */
  private void checkpointIfFull() throws IOException {
    synchronized (this) {
      if (end < checkpointBytes) {
        return;
      }
    }
    Appended retired;
    List<Path> directories;
    checkpoint.writeLock().lock();
    try {
      synchronized (this) {
        if (end < checkpointBytes || log == null || logFile == null) {
          return;
        }
        retired = new Appended(logFile, log);
        directories = new ArrayList<>(touched);
        touched.clear();
        log = null;
        logFile = null;
        end = 0;
      }
    } finally {
      checkpoint.writeLock().unlock();
    }
    try {
      flush(directories);
    } catch (IOException | RuntimeException e) {
      touched.addAll(directories);
      synchronized (this) {
        unflushed.add(retired);
      }
      throw e;
    }
    Files.delete(retired.file());
    OWN_LOGS.remove(ownName(retired.file()));
    retired.channel().close();
  }

  /** Flushes each directory in {@code directories} that still exists. */
  private void flush(Collection<Path> directories) throws IOException {
    for (Path directory : directories) {
      try {
        directoryFlush.force(directory);
      } catch (NoSuchFileException e) {
        // removed since (its index dropped, or the value emptied and discarded): nothing to keep
      }
    }
  }
}
