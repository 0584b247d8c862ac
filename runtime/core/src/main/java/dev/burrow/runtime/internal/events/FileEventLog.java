package dev.burrow.runtime.internal.events;

import dev.burrow.CorruptEventException;
import dev.burrow.Durability;
import dev.burrow.EventBatch;
import dev.burrow.EventLog;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceLock;
import dev.burrow.LoggedEvent;
import dev.burrow.MisuseException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.files.DeletedInstance;
import dev.burrow.runtime.internal.files.DirectoryFiles;
import dev.burrow.runtime.internal.files.StoreOwned;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.Parents;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.jfr.FlushEvent;
import dev.burrow.runtime.internal.json.FilesMapper;
import dev.burrow.runtime.internal.json.ReadBack;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.store.HostContext;
import dev.burrow.runtime.internal.text.JsonErrors;
import dev.burrow.runtime.internal.text.TypeNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only event log of one instance: {@code <instance>/events/events.jsonl}, one JSON
 * object per line, mapped with Jackson. It is removed with its instance.
 *
 * <p><b>Appends never interleave.</b> Each append takes the cross-process lock {@code
 * "events:<id>"} (threads and processes of this host) and writes its whole line with one {@code
 * write} on an {@code O_APPEND} channel. Before writing, an unfinished final line left by a crashed
 * writer is cut off, so a damaged line can never end up in the middle. Under {@link
 * Durability#FSYNC} (the store's setting by default) every append is flushed ({@code fdatasync})
 * before it returns: an acknowledged event survives a power cut, at the cost of one device flush
 * per event; under {@link Durability#NONE} it survives a crash of the process only. The log's
 * directory and the instance directory above it are flushed too by the first durable append of each
 * process to a log (not only by the one that makes the file, which a crash may have stopped before
 * it flushed): two more device flushes per log per process ({@link FlushedNames}).
 *
 * <p><b>A reported failure is one.</b> An append whose write or line flush fails cuts its line off
 * again before it throws {@link StorageException}, and under {@link Durability#FSYNC} flushes that
 * cut, since the line's bytes may have reached the disk: an event reported failed does not come
 * back after a power cut, so a retry does not store it twice. Where that cut cannot be made or
 * flushed, the append reports {@link OutcomeUnknownException}. Once the line's flush succeeded the
 * line is durable in the file and is never cut off: a directory flush that fails after it is
 * reported as {@link OutcomeUnknownException} too (the event is there, and may not survive a power
 * cut should the log's name not be durable), as a document write whose directory flush fails after
 * its rename.
 *
 * <p><b>An append goes into the live instance's log.</b> Under the lock, before anything else, the
 * backend confirms that the instance exists and that this host's directory is its own ({@link
 * dev.burrow.spi.StorageBackend#confirmInstanceDirectory}): on PostgreSQL, one query, as this
 * host's directory may have outlived a delete on another host. An instance deleted since this log
 * was taken is reported gone, one created again takes the event into its new log.
 *
 * <p><b>Reads never fail on a torn line, and return only lines that were appended.</b> Reading
 * never waits for a lock; it returns the events from a byte offset on with the offset to resume
 * from. A final line without its line end is either being written right now or was torn by a crash:
 * the reader then takes the log's lock if it is free right now and looks again, and reports a line
 * that is still unfinished as a torn tail ({@link CorruptEventException#tornTail()}, also logged as
 * a warning) without returning it. If the lock is held (an append in progress, in this process or
 * another), the line is not yet an event: the read ends before it, its next offset is the line's
 * start, and nothing is reported. An append cuts the log before it writes (a torn line), and cuts
 * its own line, complete or not, after a failed write or flush, still holding the lock; so the
 * lines that an append in progress could cut (the log's last line when the read begins, if the log
 * ends in a line end, and the lines appended during the read) count only once read again holding
 * the lock, taken the same way: while an append holds it, the read ends before the first of them,
 * at its start. A read so never returns an event whose append reported failed, nor joins the start
 * of a cut line and the end of the line written in its place into an event no one appended, and its
 * next offset is always the start of a line. A follower is left short of one line at most while
 * appends follow one another (also of a line whose append in another process has returned, while
 * the next append holds the lock before writing; what this process's appends left is known, so a
 * read returns every event this process acknowledged), and reads it once another line follows it or
 * the lock is free ({@link EventLogRead}). A damaged complete line is reported the same way and
 * skipped; the damaged lines of one read (one page of {@link #read(long, int)}) are logged as one
 * warning, naming the first and how many there were, so that a log of many damaged lines does not
 * flood the application's log on every read.
 *
 * <p><b>A line longer than any append writes.</b> A line of {@link #MAX_LINE_BYTES} or more is no
 * append's: it is damage (planted). A finished one is reported and skipped, read through to its end
 * without being held, so the events after it are read (a read's work grows with the bytes it passes
 * over, its memory does not). An unfinished last one is reported at its start, the next offset, and
 * not skipped over; an append reads back at most {@link #MAX_LINE_BYTES} bytes to find where the
 * log's last line ends, so finding none there it refuses, cutting nothing (where that line starts
 * is not looked for, so that an append under the log's lock never walks back through a planted file
 * of any size), rather than write an event no read would reach: cutting the log at the byte a read
 * names makes it appendable again.
 *
 * <p><b>Nothing planted is followed or waited for.</b> Every append and read first checks, without
 * following links, that the directories between the data root and the log are real directories (a
 * handle taken before the instance directory was swapped for a link never writes through it), and
 * that the log itself is a regular file with one link: a link, FIFO, socket or device in its place,
 * or a second name of the log (a hard link, through which appends would write to a file elsewhere),
 * is reported as damage without being opened, at the cost of one more {@code lstat} per read and
 * append. Lines are capped at {@link #MAX_LINE_BYTES}: a longer line is reported as damage without
 * being held in memory (above), and an event whose line would be longer is refused. So is an event
 * that would not read back ({@link ReadBack}): no line is appended that a read would report as
 * damaged. A read in pages ({@link #read(long, int)}) holds at most {@code maxEvents} lines, events
 * and skipped lines together, and stops once its events add up to {@link #MAX_BATCH_BYTES} of JSON,
 * so its memory stays bounded whatever the log holds (events near the line cap, a flood of damaged
 * lines).
 *
 * <p><b>An offset is in one instance's log.</b> A delete takes the instance's directory away, with
 * its log, and an instance created again with the ID gets another directory, whose log's lines may
 * start where the old one's did: an offset into the deleted instance's log is in no line of the new
 * one. So a log remembers the directory (device and inode) whose log its offsets are in: the one it
 * was obtained for, then the one its last append or read handed out offsets of; a read from any
 * other offset than 0 in another directory's log throws {@link
 * dev.burrow.InstanceNotFoundException} (the instance that offset was of is gone) and reads
 * nothing. A read during which the instance's directory was replaced (deleted and created again)
 * cannot tell which of the two logs it opened: it is made again, from the same offset. An append
 * during which it was replaced wrote its line into the log it opened, which the look at the log
 * right after the write tells (the new log then ends where the line does, as nothing else appends
 * under the log's lock): its offset is in the live instance's log, whose directory it looks at
 * again, or else in the deleted one's. An import that replaces a live instance's log with the
 * export's renames another file into its place, in the same directory: so a log also remembers that
 * log file (device and inode: the one there when it was obtained, then the one the look right after
 * its last read's open or append's write saw), and a read from any other offset than 0 in another
 * file throws {@link IllegalArgumentException} (the offset is in the replaced file; read the new
 * one from 0) and reads nothing. An append's cut of a torn line keeps the file. Cost: two {@code
 * lstat}s per read and append (the file's look is one a read and an append made already), and two
 * per log obtained. Not told apart: an offset handed out by another log than this one, obtained
 * after the delete or the import, nor one whose instance's new directory got the deleted one's
 * inode number, freed once the trash remover removed it.
 *
 * <p>Instances are thread-safe and cheap to make; one and the logs made from it ({@link
 * #withDurability}, {@link #withMapper}) share what they remember of their offsets.
 *
 * @param <E> the event type; any type Jackson maps
 */
public final class FileEventLog<E> implements EventLog<E> {
  /** The log's path relative to its instance directory. */
  public static final String RELATIVE_PATH = StoreOwned.EVENT_LOG;

  /** The longest line (event and line end) the log writes or reads, as for documents. */
  public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  /**
   * A read in pages stops once the events it read add up to this many bytes of JSON (it always
   * holds at least one), as a listing page stops at its own limit.
   */
  public static final int MAX_BATCH_BYTES = 8 * 1024 * 1024;

  private static final System.Logger LOG = System.getLogger("dev.burrow");

  private final Path root;
  private final Path file;
  private final Class<E> type;
  private final InstanceLocks locks;
  private final InstanceDirectory instance;

  /**
   * The log whose offsets this log takes: the one it was obtained for, then the one its last
   * append, or last read, handed out offsets of. Shared with the logs made from this one.
   */
  private final AtomicReference<OffsetsIn> offsetsIn;

  /**
   * Where a log's offsets are: the file keys (device and inode) of the instance directory and of
   * the log file, each null while unknown (none yet, or the file system gives no key).
   */
  private record OffsetsIn(@Nullable Object directory, @Nullable Object file) {}

  /** How a log reaches its file: what the withers of this class change. */
  private record Access(Durability durability, JsonMapper mapper, BeforeOpen beforeOpen) {}

  /** Runs right before the log opens its file, to read it or to append to it; tests act there. */
  @FunctionalInterface
  interface BeforeOpen {
    /** Acts on the log {@code file} about to be opened. */
    void run(Path file) throws IOException;
  }

  private final Runnable confirmInstance;
  private final String lockName;
  private final Duration lockTimeout;
  private final Durability durability;
  private final JsonMapper mapper;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final BeforeOpen beforeOpen;

  /** What an append writes and a read reads, for messages: "a Step event for/from FILE". */
  private final String appendSubject;

  private final String readSubject;

  private FileEventLog(
      Path root,
      Path file,
      Class<E> type,
      InstanceLocks locks,
      InstanceDirectory instance,
      AtomicReference<OffsetsIn> offsetsIn,
      Runnable confirmInstance,
      Duration lockTimeout,
      Access access) {
    this.root = root;
    this.file = file;
    this.type = type;
    this.locks = locks;
    this.instance = instance;
    this.offsetsIn = offsetsIn;
    this.confirmInstance = confirmInstance;
    this.lockName = lockName(instance.instanceId());
    this.lockTimeout = lockTimeout;
    this.durability = access.durability();
    this.mapper = access.mapper();
    this.reader = mapper.readerFor(type);
    this.writer = mapper.writerFor(type).without(SerializationFeature.INDENT_OUTPUT);
    this.beforeOpen = access.beforeOpen();
    this.appendSubject = "a " + TypeNames.of(type) + " event for " + file;
    this.readSubject = "a " + TypeNames.of(type) + " event from " + file;
  }

  /**
   * The event log of the instance in {@code dirs}, at the host's durability and lock timeout,
   * mapped with {@link FilesMapper#INSTANCE}; its {@code events/} directory is created if missing.
   *
   * @param confirmInstance run under the log's lock right before each append: throws {@link
   *     dev.burrow.InstanceNotFoundException} if the instance is gone, and leaves {@code dirs}'s
   *     directory the live instance's (the backend's {@link
   *     dev.burrow.spi.StorageBackend#confirmInstanceDirectory})
   * @throws dev.burrow.UnsafePathException if {@code events} is a symbolic link
   * @throws dev.burrow.InstanceNotFoundException if the instance's directory is gone (deleted)
   */
  public static <E> FileEventLog<E> of(
      HostContext host, InstanceDirectory dirs, Class<E> type, Runnable confirmInstance) {
    Path file =
        DirectoryFiles.of(
                host.root(),
                dirs,
                host.durability(),
                FilesMapper.INSTANCE,
                host.temps(),
                () -> {}) // dirs was just looked up for the instance's current incarnation
            .eventLog();
    return new FileEventLog<>(
        host.root(),
        file,
        type,
        host.locks(),
        dirs,
        new AtomicReference<>(
            new OffsetsIn(directoryKey(dirs), keyOf(file, BasicFileAttributes::isRegularFile))),
        confirmInstance,
        host.lockTimeout(),
        new Access(host.durability(), FilesMapper.INSTANCE, path -> {}));
  }

  /**
   * The name, among the host's locks, of the append lock of instance {@code instanceId}'s log: what
   * else replaces the log takes it too, so no append is lost.
   */
  public static String lockName(String instanceId) {
    return "events:" + instanceId;
  }

  @Override
  public FileEventLog<E> withDurability(Durability value) {
    Objects.requireNonNull(value, "durability");
    return with(new Access(value, mapper, beforeOpen));
  }

  /** This log mapping events with another Jackson mapper. */
  public FileEventLog<E> withMapper(JsonMapper value) {
    return with(new Access(durability, value, beforeOpen));
  }

  /** This log running {@code value} right before each open of its file, for a read or an append. */
  FileEventLog<E> withBeforeOpen(BeforeOpen value) {
    return with(new Access(durability, mapper, value));
  }

  private FileEventLog<E> with(Access access) {
    return new FileEventLog<>(
        root, file, type, locks, instance, offsetsIn, confirmInstance, lockTimeout, access);
  }

  @Override
  public Path file() {
    return file;
  }

  /**
   * Appends {@code event} as one line; see the class description for the guarantees.
   *
   * @return the byte offset at which the event's line starts
   * @throws IllegalArgumentException if Jackson cannot map the event to one line of JSON
   * @throws dev.burrow.MisuseException if the line would be longer than {@link #MAX_LINE_BYTES}, or
   *     what Jackson writes for the event does not read back as an {@code E} ({@link ReadBack});
   *     nothing is appended
   * @throws dev.burrow.LockTimeoutException if the log's lock is not free within the timeout
   * @throws CorruptEventException if the log file is not a regular file (a link, a FIFO, a socket,
   *     a device or a directory) or has more than one link; it is not opened. Also if the log ends
   *     in an unfinished line of {@link #MAX_LINE_BYTES} or more (see the class description);
   *     nothing is appended or cut
   * @throws StorageException if the write or the line's flush fails; the event is then cut off the
   *     log again (under {@link Durability#FSYNC} the cut is flushed too, so the event does not
   *     come back after a power cut), so a retry does not store it twice (should even that cut fail
   *     after part of the line was written, the partial line is never read as an event and is
   *     removed as a torn line by the next append); also if the instance was deleted and created
   *     again while the append ran, before its open, and the open failed: nothing was written,
   *     append again
   * @throws OutcomeUnknownException if the whole line was written but its flush failed and cutting
   *     it off failed too (readers see the event now, and it may or may not survive a power cut),
   *     or the cut was made but flushing it failed (readers do not see the event now, and it may
   *     come back after a power cut); also if the line was written and flushed but flushing the
   *     log's directory failed (the first durable append of a process to a log): the event is not
   *     cut off, as it is durable in the file, readers see it now, and it may not survive a power
   *     cut; also if the line was written (and flushed) whole but closing the log failed: readers
   *     see the event now. Read the log before appending it again
   * @throws dev.burrow.InstanceNotFoundException if the instance was deleted since this log was
   *     taken (the backend's confirmation, or {@link DeletedInstance}); nothing is appended
   */
  @Override
  public long append(E event) {
    byte[] line = encodeLine(event);
    InstanceLock lock = locks.lock(lockName, lockTimeout);
    long appended = -1; // the offset of the line once it is written (and flushed) whole
    try {
      confirmInstance.run();
      checkWayMakingLogDirectory();
      @Nullable Object directory = directoryKey(instance);
      BasicFileAttributes found = SafeFiles.lstat(file);
      beforeOpen.run(file);
      try (FileChannel channel = openToAppend(directory)) {
        long offset = TornTail.cut(file, channel);
        ByteBuffer buffer = ByteBuffer.wrap(line);
        try {
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          if (durability == Durability.FSYNC) {
            FlushEvent.force(channel, false, file, false);
          }
        } catch (IOException e) {
          rollBack(channel, offset, !buffer.hasRemaining(), e);
          throw e;
        }
        appended = offset;
        BasicFileAttributes after = made();
        BasicFileAttributes written = found != null ? found : after;
        if (after != null) {
          SettledEnds.record(file, after, offset + line.length); // no append cuts it now
        }
        offsetsAreIn(
            directoryWritten(directory, after, offset + line.length),
            after == null ? null : after.fileKey());
        if (durability == Durability.FSYNC) {
          flushNameOnce(found, written, offset);
        }
        return offset;
      }
    } catch (SafeFiles.RefusedFileException e) {
      throw refused(e, 0);
    } catch (IOException e) {
      if (appended >= 0) {
        throw unknown(
            "the line at byte "
                + appended
                + " was written"
                + (durability == Durability.FSYNC ? " and flushed" : "")
                + ", but closing the log failed, so readers see the event now",
            e);
      }
      throw failure("append to event log " + file + " failed", e);
    } finally {
      lock.close();
    }
  }

  /**
   * Opens the log to append to it. An instance deleted and created again since its directory's key
   * was taken ({@code directory}) may have no {@code events/} directory yet: the open then fails
   * having written nothing, which the failure says, as a retry appends.
   *
   * @throws StorageException if the open failed because the instance was replaced meanwhile
   */
  private FileChannel openToAppend(@Nullable Object directory) throws IOException {
    try {
      return SafeFiles.openToAppend(file, OwnerOnly.fileAttributes(file));
    } catch (NoSuchFileException e) {
      if (replacedSince(directory)) {
        throw new StorageException(
            "append to event log "
                + file
                + " failed: instance "
                + instance.instanceId()
                + " was deleted and created again while the append ran; nothing was written:"
                + " append again",
            e);
      }
      throw e;
    }
  }

  /**
   * Flushes the log's directory and the instance directory holding it, so that the names of the log
   * and of its {@code events/} directory survive a power cut, unless this process did so already
   * for this very file in this very directory ({@link FlushedNames}): also when the log was {@code
   * found} there, since the append (or the {@code events/} directory's {@code mkdir}) that made it
   * may have been stopped by a crash before it flushed, and an acknowledged event must not be lost
   * with the whole log.
   *
   * <p>It runs after the line's own flush succeeded: the line is durable in the file, and a retry
   * would store it twice, so a failure here does not cut it off, and is not reported as a failed
   * append. The names are not remembered, so the next durable append flushes them again.
   *
   * @param written the log's attributes, remembered once its names are flushed (null: not read)
   * @throws OutcomeUnknownException if a directory flush fails: readers see the event at {@code
   *     offset} now, and whether it survives a power cut depends on names that may not be durable
   */
  private void flushNameOnce(
      @Nullable BasicFileAttributes found, @Nullable BasicFileAttributes written, long offset) {
    Path events = Parents.of(file);
    BasicFileAttributes directory = directoryOf(events);
    if (found != null && directory != null && FlushedNames.known(file, found, directory)) {
      return;
    }
    try {
      AtomicFiles.forceDirectory(events);
      AtomicFiles.forceDirectory(Parents.of(events));
      if (written != null && directory != null) {
        FlushedNames.remember(file, written, directory);
      }
    } catch (IOException e) {
      throw unknown(
          "the line at byte "
              + offset
              + " was written and flushed, but flushing the log's directory failed, so readers see"
              + " the event now and it may not survive a power cut",
          e);
    }
  }

  /**
   * The attributes of the log's directory {@code events}, or null if they cannot be read: then the
   * directory is flushed, and its log not remembered ({@link FlushedNames}).
   */
  private static @Nullable BasicFileAttributes directoryOf(Path events) {
    try {
      return SafeFiles.lstat(events);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The attributes of the log right after an append's line was written, or null if they cannot be
   * read: after the line was written, a failure here must not be reported as the append's, and only
   * costs what they are for ({@link SettledEnds}, {@link FlushedNames}).
   */
  private @Nullable BasicFileAttributes made() {
    try {
      return SafeFiles.lstat(file);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The key of the instance directory whose log an append wrote, ending at {@code end}: a delete
   * does not take the log's lock, so the directory may have been replaced (deleted and created
   * again) since its key was taken {@code before} the open. Looked at again after the look at the
   * log {@code after} the write: if that log ends where the append's line does, the append wrote
   * into it (no one else appends under the lock), the live instance's; else into the log of the
   * directory {@code before}, deleted since.
   */
  private @Nullable Object directoryWritten(
      @Nullable Object before, @Nullable BasicFileAttributes after, long end) {
    return after != null && after.size() == end ? directoryKey(instance) : before;
  }

  /**
   * The file key (device and inode) of the instance directory {@code dirs}, or null if it is
   * missing, not a directory, cannot be looked at or the file system gives none: then offsets are
   * not told apart by it. A delete takes the directory away, and an instance created again has
   * another, so it tells an offset into a deleted instance's log from one into the new log. Cost:
   * one {@code lstat}.
   */
  private static @Nullable Object directoryKey(InstanceDirectory dirs) {
    return keyOf(dirs.root(), BasicFileAttributes::isDirectory);
  }

  /**
   * The file key (device and inode) of {@code path}, or null if it is missing, not of the {@code
   * kind} asked for, cannot be looked at or the file system gives none. Cost: one {@code lstat}.
   */
  private static @Nullable Object keyOf(Path path, Predicate<BasicFileAttributes> kind) {
    try {
      BasicFileAttributes attributes = SafeFiles.lstat(path);
      return attributes == null || !kind.test(attributes) ? null : attributes.fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Whether the instance's directory is another than the one whose key was {@code directory}: the
   * instance was deleted and created again since. Cost: one {@code lstat}.
   */
  private boolean replacedSince(@Nullable Object directory) {
    @Nullable Object now = directoryKey(instance);
    return now != null && !now.equals(directory);
  }

  /**
   * Notes that the offsets this log hands out are in the log file {@code file} of the instance
   * directory {@code directory}, unless that directory is unknown.
   */
  private void offsetsAreIn(@Nullable Object directory, @Nullable Object file) {
    if (directory != null) {
      offsetsIn.set(new OffsetsIn(directory, file));
    }
  }

  /**
   * Checks the way to the log right before an append ({@link SafeFiles#checkWay}), making its
   * {@code events/} directory again where a live instance lacks it (one deleted and created again
   * since this log was taken, as {@code events(id)} makes it): one {@code mkdir}, never of the
   * instance's directory, so an append never brings a deleted instance back.
   *
   * @throws NoSuchFileException if the instance's directory is gone
   */
  private void checkWayMakingLogDirectory() throws IOException {
    try {
      SafeFiles.checkWay(root, file);
    } catch (NoSuchFileException e) {
      if (DeletedInstance.isGone(root, instance)) {
        throw e;
      }
      OwnerOnly.createDirectory(Parents.of(file), durability);
      SafeFiles.checkWay(root, file);
    }
  }

  /**
   * The report of a planted log file (damage, at {@code offset}), or, for a planted directory on
   * its way, a refusal to use it.
   */
  private RuntimeException refused(SafeFiles.RefusedFileException e, long offset) {
    if (e.path().equals(file)) {
      return new CorruptEventException(file, offset, e.reason(), e);
    }
    return new StorageException(
        "cannot use event log " + file + ": " + e.path() + ": " + e.plantedReason(), e);
  }

  /**
   * Why {@code step} failed: the instance is gone if a file on the way is missing because it was
   * deleted ({@link DeletedInstance}), an interrupted operation if an interrupt of the calling
   * thread closed the log's channel, a storage failure otherwise.
   */
  private RuntimeException failure(String step, IOException e) {
    if (e instanceof NoSuchFileException && DeletedInstance.isGone(root, instance)) {
      return DeletedInstance.notFound(instance, e);
    }
    return Failures.ofStep(step, file, e);
  }

  /**
   * Cuts a failed append off again (the lock is still held, so nothing follows it): a caller who
   * retries after the exception must not find the event twice. Under {@link Durability#FSYNC} the
   * cut of a whole line is flushed too: the line's bytes may have reached the disk before its flush
   * failed, and an unflushed cut could be undone by a power cut, bringing back an event reported
   * failed. A cut that fails leaves its failure added to {@code failure}; the caller then throws
   * {@code failure}, which is true where the line was not written whole: the part written is never
   * read as an event and the next append removes it as a torn line.
   *
   * @param whole whether the whole line was written (its flush failed)
   * @throws OutcomeUnknownException if the whole line was written and the cut, or its flush, failed
   */
  private void rollBack(FileChannel channel, long offset, boolean whole, IOException failure) {
    try {
      channel.truncate(offset);
    } catch (IOException e) {
      failure.addSuppressed(e);
      if (whole) {
        throw unknown(
            "the whole line was written, but flushing it failed and cutting it off again failed"
                + " too, so readers see the event now and it may not survive a power cut",
            failure);
      }
      return;
    }
    if (whole && durability == Durability.FSYNC) {
      try {
        FlushEvent.force(channel, false, file, false);
      } catch (IOException e) {
        failure.addSuppressed(e);
        throw unknown(
            "the whole line was written and flushing it failed; it was cut off again, but"
                + " flushing the cut failed too, so readers do not see the event now and it may"
                + " come back after a power cut",
            failure);
      }
    }
  }

  private OutcomeUnknownException unknown(String what, IOException failure) {
    return new OutcomeUnknownException(
        file.toString(),
        "append to event log "
            + file
            + ": "
            + what
            + " (outcome unknown); read the log before appending it again: "
            + Failures.describe(failure),
        failure);
  }

  private byte[] encodeLine(E event) {
    ReadBack.requireWritable(type, appendSubject);
    byte[] json;
    try {
      json = writer.writeValueAsBytes(event);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "cannot write a "
              + TypeNames.of(type)
              + " to event log "
              + file
              + ": "
              + JsonErrors.withoutAdvice(e.getOriginalMessage()),
          e);
    }
    for (byte b : json) {
      if (b == '\n' || b == '\r') {
        throw new IllegalArgumentException(
            "the mapper wrote a line break into a "
                + TypeNames.of(type)
                + " event; an event must be one line of JSON");
      }
    }
    if (json.length + 1 > MAX_LINE_BYTES) {
      throw new MisuseException(
          "a "
              + TypeNames.of(type)
              + " event of "
              + (json.length + 1)
              + " bytes is longer than the limit of "
              + MAX_LINE_BYTES
              + " bytes per event; nothing was appended");
    }
    ReadBack.require(reader, json, appendSubject);
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }

  /**
   * Every event from {@code offset} on; see the class description. Never fails on a torn or damaged
   * line: such lines are reported in {@link EventBatch#problems()}.
   *
   * @param offset 0, or an offset returned by this log ({@link EventBatch#nextOffset()}, {@link
   *     LoggedEvent#nextOffset()}, {@link #append})
   * @throws IllegalArgumentException if {@code offset} is negative, past the end, or not the start
   *     of a line, or is not 0 and the log file was replaced (by an import) since this log handed
   *     it out (the offset is not in the new file; read that from 0)
   * @throws dev.burrow.InstanceNotFoundException if {@code offset} is not 0 and the instance was
   *     deleted since this log handed it out, also if one was created again with its ID since (the
   *     offset is not in the new log; read that from 0). From 0 on, a deleted instance's log has no
   *     events
   * @throws StorageException if the file cannot be read, or the OS refuses to look at the log's
   *     lock
   */
  @Override
  public EventBatch<E> read(long offset) {
    return read(offset, Integer.MAX_VALUE, Long.MAX_VALUE);
  }

  /**
   * At most {@code maxEvents} events from {@code offset} on, for reading a long log in pages: the
   * batch ends after {@code maxEvents} lines, events and damaged lines together, or once its events
   * add up to {@link #MAX_BATCH_BYTES}, whichever comes first; read on from its {@link
   * EventBatch#nextOffset()} until that no longer moves.
   *
   * @throws IllegalArgumentException if {@code offset} is negative, past the end, or not the start
   *     of a line, or {@code maxEvents} is not positive
   * @throws dev.burrow.InstanceNotFoundException as {@link #read(long)} does
   * @throws dev.burrow.MisuseException if Jackson cannot read an {@code E} at all ({@link
   *     ReadBack#requireReadable}): every line would look damaged; nothing is read
   */
  @Override
  public EventBatch<E> read(long offset, int maxEvents) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be positive, is " + maxEvents);
    }
    return read(offset, maxEvents, MAX_BATCH_BYTES);
  }

  private EventBatch<E> read(long offset, int maxLines, long maxBytes) {
    if (offset < 0) {
      throw new IllegalArgumentException(
          "offset " + offset + " is negative; read from 0 or an offset this log returned");
    }
    ReadBack.requireReadable(type, readSubject);
    @Nullable Object directory = directoryKey(instance);
    OffsetsIn known = offsetsIn.get();
    @Nullable Object knownDirectory = known.directory();
    if (offset != 0
        && knownDirectory != null
        && directory != null
        && !knownDirectory.equals(directory)) {
      throw DeletedInstance.notFound(
          instance,
          new NoSuchFileException(
              file.toString(),
              null,
              "offset "
                  + offset
                  + " is in the log of the instance deleted since, not in the log of the"
                  + " instance created again with its ID: read that from 0"));
    }
    try {
      SafeFiles.checkWay(root, file);
      EventLogRead<E> read =
          new EventLogRead<>(
              file,
              type,
              reader,
              maxLines,
              maxBytes,
              () -> locks.tryLock(lockName),
              path -> {
                beforeOpen.run(path);
                return SafeFiles.openToReadSingleLink(path);
              });
      EventBatch<E> batch = read.from(offset, known.file());
      if (replacedSince(directory)) {
        // Deleted and created again during the read: which instance's log it opened is unknown.
        return read(offset, maxLines, maxBytes);
      }
      offsetsAreIn(directory, read.opened());
      return batch;
    } catch (SafeFiles.RefusedFileException e) {
      RuntimeException refusal = refused(e, offset);
      if (refusal instanceof CorruptEventException damaged) {
        LOG.log(System.Logger.Level.WARNING, damaged.getMessage());
        return new EventBatch<>(List.of(), offset, List.of(damaged));
      }
      throw refusal;
    } catch (NoSuchFileException e) {
      if (offset != 0) {
        if (DeletedInstance.isGone(root, instance)) {
          throw DeletedInstance.notFound(instance, e);
        }
        if (replacedSince(directory)) {
          // Deleted and created again before the open: the offset may be in the deleted log.
          return read(offset, maxLines, maxBytes);
        }
        throw new IllegalArgumentException(
            "offset " + offset + " is past the end of the empty" + " event log " + file);
      }
      return new EventBatch<>(List.of(), 0, List.of());
    } catch (IOException e) {
      throw failure("cannot read event log " + file, e);
    }
  }
}
