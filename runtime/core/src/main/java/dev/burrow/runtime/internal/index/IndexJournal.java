package dev.burrow.runtime.internal.index;

import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.AsyncChannels;
import dev.burrow.runtime.internal.fs.AsyncResults;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.DirectoryListing;
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
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
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
 * log, and flushes the log: that one {@code fdatasync} is all the index costs the write (writers of
 * the process that wait for the log at once share one: see {@link Log#flushThrough}); then it
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
 *       write waits for the flushes; the process's other writes go on into the new log meanwhile. A
 *       log that could not be appended to or flushed is left for the next checkpoint, and a new one
 *       started. If the checkpoint's flushes fail, its logs are left in place, unlocked, for a
 *       replay (by any process, this one included) to flush. The close of the last store of the JVM
 *       that holds the journal ({@link #release}) runs a checkpoint too, however full the log.
 *   <li><b>Liveness.</b> Each log is locked by its process until its checkpoint is done (an OS
 *       lock, released however the process dies), through a channel an interrupt does not close: a
 *       log that can be locked and is still there belongs to a process that is gone, or was left
 *       for a replay; a checkpoint removes its log before it unlocks it.
 *   <li><b>Hostile files.</b> The journal directory and the way to every entry are checked not to
 *       be links before use; a line that is not the path of an entry is skipped. A log larger than
 *       {@link #MAX_LOG_BYTES}, which no process's log grows to since each is emptied at {@link
 *       #CHECKPOINT_BYTES}, is left alone unread, as a link or a FIFO is: a planted sparse file of
 *       a terabyte costs an open one {@code lstat}, not hours of reading holes.
 * </ul>
 */
public final class IndexJournal {
  /** The size of a log at which a new one is started and its entries are flushed in place. */
  static final long CHECKPOINT_BYTES = 256 * 1024;

  /**
   * The largest log a replay reads: 64 times {@link #CHECKPOINT_BYTES}. A log outgrows the
   * checkpoint only by the lines of the writes appended between the one that filled it and its
   * checkpoint, a few lines each.
   */
  static final int MAX_LOG_BYTES = 64 * (int) CHECKPOINT_BYTES;

  private static final System.Logger LOG = System.getLogger(IndexJournal.class.getName());
  private static final String SUFFIX = ".log";
  private static final int MAX_LINE_BYTES = 4096;

  /**
   * The journals stores of this JVM hold open, by {@link RootKey}; guarded by itself. A journal is
   * here only while a store holds it ({@link #acquire}, {@link #release}).
   */
  private static final Map<RootKey, IndexJournal> OPEN = new HashMap<>();

  /** Logs this JVM holds, by {@link #ownName}: never opened again, or their lock would drop. */
  private static final Set<OwnName> OWN_LOGS = ConcurrentHashMap.newKeySet();

  /** How many logs {@link #openLog} makes before it gives up. */
  private static final int LOG_CREATE_TRIES = 5;

  private final Path dataRoot;

  /** Where {@link #OPEN} holds it, or null if it is not held there (made by a test). */
  private final @Nullable RootKey key;

  /** How many {@link #acquire}s have no {@link #release} yet; guarded by {@link #OPEN}. */
  private int users;

  /**
   * Set once every store gave the journal back: a write that was under way when its store closed
   * then retires the log it appended to itself ({@link Write#commit}).
   */
  private volatile boolean retired;

  private final Path indexes;
  private final Path directory;
  private final long checkpointBytes;
  private final DirectoryFlush directoryFlush;
  private final LogFlush logFlush;
  private final ReadWriteLock checkpoint = new ReentrantReadWriteLock();
  private final Set<Path> touched = ConcurrentHashMap.newKeySet();
  private @Nullable Log log;
  private long end;

  /** Logs no longer appended to (one failed), left for the next checkpoint. */
  private final List<Log> abandoned = new ArrayList<>();

  /** Flushes a directory's entries to the device. */
  @FunctionalInterface
  interface DirectoryFlush {
    void force(Path directory) throws IOException;
  }

  /** Flushes a log's lines to the device. */
  @FunctionalInterface
  interface LogFlush {
    void force(AsynchronousFileChannel log) throws IOException;
  }

  /**
   * The journal of {@code dataRoot} (absolute and normalized), emptied at {@code checkpointBytes};
   * {@link #acquire} gives the one a store uses.
   */
  IndexJournal(Path dataRoot, long checkpointBytes) {
    this(dataRoot, checkpointBytes, AtomicFiles::forceDirectory);
  }

  /** The same, flushing directories with {@code directoryFlush}. */
  IndexJournal(Path dataRoot, long checkpointBytes, DirectoryFlush directoryFlush) {
    this(dataRoot, checkpointBytes, directoryFlush, log -> log.force(false));
  }

  /** The same, flushing logs with {@code logFlush}. */
  IndexJournal(
      Path dataRoot, long checkpointBytes, DirectoryFlush directoryFlush, LogFlush logFlush) {
    this(null, dataRoot, checkpointBytes, directoryFlush, logFlush);
  }

  private IndexJournal(
      @Nullable RootKey key,
      Path dataRoot,
      long checkpointBytes,
      DirectoryFlush directoryFlush,
      LogFlush logFlush) {
    this.key = key;
    this.dataRoot = dataRoot;
    this.checkpointBytes = checkpointBytes;
    this.directoryFlush = directoryFlush;
    this.logFlush = logFlush;
    this.indexes = dataRoot.resolve(".burrow").resolve("indexes");
    this.directory = dataRoot.resolve(".burrow").resolve("journal");
  }

  /**
   * The journal of the data root {@code dataRoot}, which must exist, for a store that opens on it;
   * the store gives it back with {@link #release} when it closes. Stores of this JVM that hold the
   * same root through the same path share one journal, and one log; a journal is found for a store
   * only while another store holds it, and only for the very root it was made for, known by its
   * path and its file key (device and inode; its real path where the file system gives none). So a
   * root made again at the path of a root that was moved away (a directory above it renamed) or
   * removed gets a journal of its own, and its entries are named in its own {@code
   * .burrow/journal/}, never in the log of the root that was there before. (Only while a store
   * still holds that one's journal could a new root with its very device and inode, given to it
   * once that root was removed, share it.)
   *
   * @throws StorageException if the data root cannot be looked at
   */
  public static IndexJournal acquire(Path dataRoot) {
    Path root = dataRoot.toAbsolutePath().normalize();
    RootKey key;
    try {
      SafeFiles.Identity identity = SafeFiles.identity(root);
      Object fileKey = identity.fileKey();
      key = new RootKey(root, fileKey != null ? fileKey : identity.realPath());
    } catch (IOException e) {
      throw new StorageException(
          "cannot look at the data root " + root + ": " + Failures.describe(e, root), e);
    }
    synchronized (OPEN) {
      IndexJournal journal =
          OPEN.computeIfAbsent(
              key,
              held ->
                  new IndexJournal(
                      held,
                      root,
                      CHECKPOINT_BYTES,
                      AtomicFiles::forceDirectory,
                      log -> log.force(false)));
      journal.users++;
      return journal;
    }
  }

  /**
   * Gives back a journal {@link #acquire}d by a store that closes. Once no store holds it, its logs
   * are retired as a checkpoint retires them (the directories of their entries flushed, then the
   * logs removed and unlocked; left in place for a replay if a flush fails), after the writes under
   * way, and it is forgotten: it keeps no file open, and the next {@link #acquire} of its root
   * makes a new one. Never fails.
   *
   * @throws IllegalStateException if every {@link #acquire} of it was given back already
   */
  public void release() {
    synchronized (OPEN) {
      if (key == null || users == 0) {
        throw new IllegalStateException(this + " is not held by any store");
      }
      if (--users > 0) {
        return;
      }
      OPEN.remove(key, this);
      retired = true;
    }
    checkpoint(false);
  }

  /** How many journals stores of this JVM hold: for tests. */
  static int held() {
    synchronized (OPEN) {
      return OPEN.size();
    }
  }

  /** A data root as {@link #OPEN} knows it: its path, and its file key (or its real path). */
  private record RootKey(Path root, Object identity) {}

  /** {@code .burrow/journal/}, where the logs are. */
  public Path directory() {
    return directory;
  }

  /** {@code .burrow/journal/} of the data root {@code dataRoot}, where its logs are. */
  public static Path directoryOf(Path dataRoot) {
    return dataRoot.toAbsolutePath().normalize().resolve(".burrow").resolve("journal");
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
        try {
          appended.log().flushThrough(appended.end(), logFlush);
        } catch (IOException | RuntimeException | Error e) {
          abandon(appended.log());
          throw e;
        }
      } finally {
        close();
      }
      if (retired) {
        checkpoint(false);
      } else {
        checkpointIfFull();
      }
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
   * value. A log that cannot be removed once replayed is left, with a warning, for the next replay.
   * A file there that {@link #checkLog} refuses (a planted link or FIFO, a file larger than any
   * log) is left alone, never opened.
   *
   * @throws StorageException if the journal directory is a link or cannot be listed, a log cannot
   *     be read (one this process may not open is named, with the user to run as), or an entry
   *     cannot be made again
   */
  public void replayAbandoned(Predicate<Path> stillHeld) {
    try {
      if (SafeFiles.lstat(directory) == null) {
        return;
      }
      SafeFiles.checkDirectory(dataRoot, directory);
      for (Path file : DirectoryListing.entries(directory, "*" + SUFFIX)) {
        replayIfAbandoned(file, stillHeld);
      }
    } catch (AccessDeniedException e) {
      throw new StorageException(
          "cannot replay the index journal in "
              + directory
              + ", and the store does not open until it is replayed (its indexes could miss"
              + " entries otherwise): "
              + Failures.deniedAccess(e),
          e);
    } catch (IOException e) {
      throw new StorageException(
          "cannot replay the index journal in "
              + directory
              + ": "
              + Failures.describe(e, directory),
          e);
    }
  }

  private void replayIfAbandoned(Path file, Predicate<Path> stillHeld) throws IOException {
    try {
      checkLog(file);
      if (OWN_LOGS.contains(ownName(file))) {
        return;
      }
      AsynchronousFileChannel channel =
          AsyncChannels.open(
              file,
              Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
      AsyncChannels.LockTry tried = AsyncChannels.LockTry.HELD_BY_ANOTHER_PROCESS;
      try {
        tried = AsyncChannels.tryLock(channel);
        if (tried != AsyncChannels.LockTry.LOCKED || SafeFiles.lstat(file) == null) {
          // live (a log of this JVM reached by a way ownName does not know included: its channel
          // is kept open, as closing it would drop the writer's lock), or its owner's checkpoint
          // removed it before unlocking it
          return;
        }
        flush(remakeAll(channel, stillHeld));
        try {
          Files.delete(file);
        } catch (IOException e) {
          // Its entries are made and flushed: the next replay finds them in place already.
          LOG.log(
              System.Logger.Level.WARNING,
              Printable.line(
                  "cannot remove the replayed index journal log "
                      + file
                      + "; the next open replays it again: "
                      + Failures.describe(e, file)));
        }
      } finally {
        if (tried != AsyncChannels.LockTry.HELD_BY_THIS_JVM) {
          channel.close();
        }
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
        Path there = entry == null ? null : remake(entry, stillHeld);
        if (there != null) {
          directories.addAll(FieldIndex.directoriesOf(there));
        }
        line.reset();
        tooLong = false;
      }
    }
    return directories;
  }

  /**
   * The entry a log line ({@code <index>/<value>/<id>}) names, in its leaf shard ({@link
   * FieldIndex}), or null if the line is not that of one: the index and the value must be named as
   * {@link IndexNames} names them (never {@code ..}, a marker's name or a shard's), the ID valid.
   */
  private @Nullable Path entryOf(String line) {
    String[] names = line.split("/", -1);
    if (names.length != 3
        || !IndexNames.isName(names[0])
        || names[0].equals(IndexNames.NULL)
        || !IndexNames.isName(names[1])
        || !PathSegments.isValid(names[2])) {
      return null;
    }
    return FieldIndex.entry(indexes.resolve(names[0]).resolve(names[1]), names[2]);
  }

  /**
   * Makes {@code entry} again if it is missing from both its places ({@link FieldIndex#places}) and
   * {@code stillHeld}; returns where it is now, to be flushed; null if its index is gone (the
   * component is no longer indexed), it was not needed, or something that is not a directory stands
   * in the place of its index's, value's or shard's directory (the index is then rebuilt before its
   * next use).
   */
  private @Nullable Path remake(Path entry, Predicate<Path> stillHeld) throws IOException {
    List<Path> directories = FieldIndex.directoriesOf(entry);
    try {
      SafeFiles.checkDirectory(dataRoot, directories.get(0));
    } catch (NoSuchFileException e) {
      return null;
    } catch (SafeFiles.RefusedFileException e) {
      if (!e.path().equals(directories.get(0))) {
        throw e;
      }
      // The index's own directory is a link or a file: opening the store replaces it by an
      // incomplete index, rebuilt from the documents; nothing is made through it.
      return null;
    }
    try {
      return remakeInPlace(entry, directories, stillHeld);
    } catch (SafeFiles.RefusedFileException e) {
      // Something planted in a value's or a shard's place (a link, a file): the entry cannot be
      // made there, so the index is left incomplete, rebuilt from the documents before its next
      // use, and the rest of the log is replayed.
      FieldIndex.markIncomplete(directories.get(0), Durability.FSYNC);
      return null;
    }
  }

  /** {@link #remake} once its index's directory is known to be one. */
  private @Nullable Path remakeInPlace(
      Path entry, List<Path> directories, Predicate<Path> stillHeld) throws IOException {
    for (Path place : FieldIndex.places(directories.get(1), String.valueOf(entry.getFileName()))) {
      if (exists(place)) {
        return place;
      }
    }
    if (!stillHeld.test(entry)) {
      return null;
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
        return entry;
      } catch (FileAlreadyExistsException e) {
        return entry; // made again by another replay meanwhile
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

  /**
   * One of this process's logs: its file, how {@link #OWN_LOGS} names it, its channel, and how far
   * its lines are appended and flushed.
   */
  private static final class Log {
    private final Path file;
    private final OwnName ownName;
    private final AsynchronousFileChannel channel;
    private final ReentrantLock flushes = new ReentrantLock();
    private final Condition flushEnded = flushes.newCondition();

    /** Whether an append to it or a flush of it failed. */
    private volatile boolean failed;

    /**
     * The flush's failure that set {@link #failed}, if a flush failed. Guarded by {@link #flushes}.
     */
    private @Nullable Throwable flushFailure;

    /** The end of the lines appended so far: what a flush begun now makes durable. */
    private volatile long appendedEnd;

    /** The end of the lines a flush made durable. Guarded by {@link #flushes}. */
    private long flushedEnd;

    /** Whether a flush of the log is under way. Guarded by {@link #flushes}. */
    private boolean flushing;

    Log(Path file, OwnName ownName, AsynchronousFileChannel channel) {
      this.file = file;
      this.ownName = ownName;
      this.channel = channel;
    }

    /**
     * Returns once the log's lines up to {@code end} are on the device, flushing it unless a flush
     * begun after they were appended already did: the writers waiting at once share one flush (one
     * of them runs it, through what all of them appended), and no two flushes of a log run at once.
     * That keeps a failure true for every writer whose lines it covered: the kernel reports a
     * failed write-back to one flush of a file description only, so of two flushes at once the
     * other could return success for lines the failure dropped. After any failure every flush of
     * the log fails.
     *
     * @throws IOException if the flush failed, or, before a flush covered these lines, an append to
     *     the log or a flush of it did (its failure the cause)
     */
    void flushThrough(long end, LogFlush logFlush) throws IOException {
      flushes.lock();
      try {
        while (!failed && flushedEnd < end && flushing) {
          flushEnded.awaitUninterruptibly();
        }
        if (flushedEnd >= end) {
          return; // flushed before anything failed: a failure only ever stops later flushes
        }
        if (failed) {
          throw new IOException(
              "an append to or a flush of "
                  + file
                  + ", which holds these lines, failed, so they may not be on the device",
              flushFailure);
        }
        flushing = true;
      } finally {
        flushes.unlock();
      }
      long through = appendedEnd;
      Throwable failure = null;
      try {
        FlushEvent.record(file, false, () -> logFlush.force(channel));
      } catch (IOException | RuntimeException | Error e) {
        failure = e;
        throw e;
      } finally {
        flushes.lock();
        try {
          flushing = false;
          if (failure == null) {
            flushedEnd = Math.max(flushedEnd, through);
          } else {
            failed = true;
            flushFailure = failure;
          }
          flushEnded.signalAll();
        } finally {
          flushes.unlock();
        }
      }
    }
  }

  /** Where a write's lines went: the log, and the end of its lines there. */
  private record Appended(Log log, long end) {}

  private Appended append(byte[] lines) throws IOException {
    synchronized (this) {
      if (log == null) {
        log = openLog();
        end = 0;
      }
      Log appended = log;
      ByteBuffer buffer = ByteBuffer.wrap(lines);
      try {
        while (buffer.hasRemaining()) {
          end += AsyncResults.await(appended.channel.write(buffer, end));
        }
      } catch (IOException e) {
        // A partial line would run into the next write's first line, which a replay then skips.
        abandon(appended);
        throw e;
      }
      appended.appendedEnd = end;
      return new Appended(appended, end);
    }
  }

  /** Stops appending to {@code failed}: the next write starts a new log. */
  private synchronized void abandon(Log failed) {
    failed.failed = true;
    if (log == failed) {
      abandoned.add(failed);
      log = null;
    }
  }

  /**
   * Creates a log of this process, locked until its checkpoint, with its name durable. A log is
   * created before it is locked, and in between another process's replay may take it for an
   * abandoned one: lock it first, or lock it and remove it. The new log is kept only if this
   * process got its lock and its name is still there; otherwise it is given up to that replay, and
   * another is made under a new name (at most {@link #LOG_CREATE_TRIES} times in all).
   */
  private Log openLog() throws IOException {
    SafeFiles.makeDirectories(dataRoot, directory, Durability.FSYNC);
    for (int tries = 1; ; tries++) {
      Path file =
          directory.resolve(Long.toHexString(ThreadLocalRandom.current().nextLong()) + SUFFIX);
      OwnName ownName = ownName(file);
      OWN_LOGS.add(ownName);
      AsynchronousFileChannel channel = null;
      try {
        channel = AsyncChannels.createLocked(file);
        if (channel != null) {
          AtomicFiles.forceDirectory(directory);
          return new Log(file, ownName, channel);
        }
      } catch (IOException | RuntimeException e) {
        closeQuietly(channel);
        OWN_LOGS.remove(ownName);
        throw e;
      }
      OWN_LOGS.remove(ownName);
      if (tries == LOG_CREATE_TRIES) {
        throw new IOException(
            "each of "
                + tries
                + " new logs in "
                + directory
                + " was locked or removed by another process's replay as soon as it was made");
      }
    }
  }

  private static void closeQuietly(@Nullable AsynchronousFileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // what failed before is what the caller is told
      }
    }
  }

  /**
   * How {@link #OWN_LOGS} names the log {@code file} in {@link #directory}: by the directory's file
   * key (device and inode), which every path to it shares, also one {@code toRealPath} does not
   * merge with another (a bind mount of a directory above the data root), and the file's name; by
   * the directory's real path where the file system gives no file key. Known before the log is
   * made, so no replay of this JVM opens it between its creation and its lock.
   */
  private OwnName ownName(Path file) throws IOException {
    return OwnName.of(SafeFiles.identity(directory), file);
  }

  /** A log's {@link #ownName}: its directory's file key (or real path) and its file name. */
  record OwnName(Object directory, String file) {
    /** The name of the log {@code file} in the directory whose identity is {@code directory}. */
    static OwnName of(SafeFiles.Identity directory, Path file) {
      Object fileKey = directory.fileKey();
      return new OwnName(
          fileKey != null ? fileKey : directory.realPath(), String.valueOf(file.getFileName()));
    }
  }

  /**
   * Retires a full log: with no write between {@link #begin} and the end of its {@link
   * Write#commit} (they would add entries the flushes might miss), the log, those abandoned since
   * the last checkpoint and the directories touched since are taken aside, so the next write starts
   * a new log; then, with the other writes going on, those directories are flushed and the retired
   * logs removed and unlocked. If a flush fails, the retired logs are unlocked and left in place: a
   * replay, by this process's next open or any other, flushes what they name. The write running the
   * checkpoint is not failed for it: its own lines are flushed.
   */
  private void checkpointIfFull() {
    synchronized (this) {
      if (end < checkpointBytes) {
        return;
      }
    }
    checkpoint(true);
  }

  /**
   * Retires the log and those abandoned, as {@link #checkpointIfFull} describes; if {@code
   * onlyIfFull}, only when the log is full.
   */
  private void checkpoint(boolean onlyIfFull) {
    List<Log> retired;
    List<Path> directories;
    checkpoint.writeLock().lock();
    try {
      synchronized (this) {
        if (onlyIfFull && (end < checkpointBytes || log == null)) {
          return;
        }
        retired = new ArrayList<>(abandoned);
        if (log != null) {
          retired.add(log);
        }
        abandoned.clear();
        if (retired.isEmpty()) {
          touched.clear(); // only writes that failed before a log took their lines touched them
          return;
        }
        log = null;
        directories = new ArrayList<>(touched);
        touched.clear();
      }
    } finally {
      checkpoint.writeLock().unlock();
    }
    boolean flushed = false;
    try {
      flush(directories);
      flushed = true;
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          Printable.line(
              "cannot flush the index entries of "
                  + retired.size()
                  + " log(s) in "
                  + directory
                  + "; they are left for a replay to flush: "
                  + Failures.describe(e)));
    }
    boolean removable = flushed && isItself(directory);
    for (Log done : retired) {
      if (removable) {
        try {
          Files.delete(done.file);
        } catch (IOException e) {
          // Left for a replay, which finds every entry it names flushed already.
        }
      }
      try {
        done.channel.close();
      } catch (IOException e) {
        // closed or not, nothing of it is needed any more
      }
      // Only once its channel, and with it the lock, is gone: a replay in this JVM that opened it
      // before would meet the JVM's own lock and fail instead of finding it live.
      OWN_LOGS.remove(done.ownName);
    }
  }

  /**
   * Whether {@code journal} is a directory reached from the data root through no link, so that a
   * log is removed there, never through a link to a directory outside the root.
   */
  private boolean isItself(Path journal) {
    try {
      SafeFiles.checkDirectory(dataRoot, journal);
      return true;
    } catch (IOException e) {
      return false;
    }
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
