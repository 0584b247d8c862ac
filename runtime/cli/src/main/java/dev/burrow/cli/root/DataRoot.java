package dev.burrow.cli.root;

import dev.burrow.CorruptEventException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.EventLog;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceLock;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.filestore.RootMaintenance;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.index.FileIndexes;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.StorageBackend;
import dev.burrow.spi.StorageBackendFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A data root opened without the application's classes: Burrow's own store engine and filesystem
 * backend over a {@link RawSchema} of the kind its marker describes, so every read, lock, sweep,
 * export and import is the one the application's stores do. Opening it sweeps crash leftovers, as
 * any store's opening does, unless it is opened for {@code fsck} ({@link #openLeavingLeftovers}).
 * It reads instances itself; the places of their files are its {@link #places}, its exports and
 * imports its {@link #transfers}, and {@code fsck}'s checks and repairs its {@link #maintenance}.
 */
public final class DataRoot implements AutoCloseable {
  private final Path path;
  private final Path directory;
  private final KindDescription kind;
  private final StoreEngine<RawDocument> engine;
  private final FileSystemBackend<RawDocument> files;
  private final InstancePlaces places;
  private final RootTransfers transfers;

  /** How the filesystem backend is opened: sweeping crash leftovers or leaving them. */
  private interface BackendOpener {
    <T> FileSystemBackend<T> open(InstanceSchema<T> schema, Path root, StoreOptions options);
  }

  private DataRoot(
      Path path, KindDescription kind, Duration lockTimeout, BackendOpener backendOpener) {
    this.path = path;
    this.kind = kind;
    List<FileSystemBackend<RawDocument>> opened = new ArrayList<>();
    LeftOutRelay leftOut = new LeftOutRelay();
    this.engine =
        StoreEngine.open(
            new RawSchema(kind),
            new StorageBackendFactory() {
              @Override
              public <T> StorageBackend<T> open(
                  InstanceSchema<T> schema, Path root, StoreOptions options) {
                FileSystemBackend<T> backend = backendOpener.open(schema, root, options);
                if (schema.type() == RawDocument.class) {
                  @SuppressWarnings("unchecked") // the type was just checked
                  FileSystemBackend<RawDocument> raw = (FileSystemBackend<RawDocument>) backend;
                  opened.add(raw);
                }
                return backend;
              }
            },
            options(path, lockTimeout).withCorruptionListener(leftOut));
    this.files = opened.get(0);
    this.directory = engine.localRoot();
    this.places = new InstancePlaces(directory, kind, engine);
    this.transfers = new RootTransfers(directory, engine, files, leftOut);
  }

  /**
   * Opens the data root at {@code root}, whose instance locks it waits for at most {@code
   * lockTimeout}.
   *
   * @throws NotADataRootException if {@code root} holds no data root whose kind is described, is no
   *     directory, or does not exist (naming the first directory on its way that is missing)
   * @throws dev.burrow.CorruptJsonFileException if its kind marker is damaged, or it holds a
   *     PostgreSQL store's record beside it, which no store opens
   */
  public static DataRoot open(Path root, Duration lockTimeout) {
    return open(root, lockTimeout, FileSystemBackend::open);
  }

  /**
   * {@link #open(Path, Duration)} without the sweep of crash leftovers: they stay where they are,
   * for {@code fsck} to name or sweep ({@link #maintenance}).
   *
   * @throws NotADataRootException as {@link #open(Path, Duration)} does
   */
  public static DataRoot openLeavingLeftovers(Path root, Duration lockTimeout) {
    return open(root, lockTimeout, FileSystemBackend::openLeavingLeftovers);
  }

  private static DataRoot open(Path root, Duration lockTimeout, BackendOpener backendOpener) {
    Path absolute = RootDirectory.existing(root);
    KindDescription kind = RootDirectory.describedKind(absolute);
    if (kind == null) {
      RootDirectory.refusePostgresRoot(absolute);
      throw new NotADataRootException(
          absolute
              + " is not a Burrow data root, or one whose kind was never described: give the"
              + " directory a store was opened on (the one holding instances/ and .burrow/); a"
              + " root last opened by a Burrow older than its kind descriptions is described the"
              + " next time the application opens it");
    }
    RootDirectory.refusePostgresRecord(absolute);
    return new DataRoot(absolute, kind, lockTimeout, backendOpener);
  }

  /**
   * Opens the data root at {@code root}, or creates one for {@code kind} if there is none yet (an
   * import's target): only where the directory is missing or empty, so that a mistyped root never
   * turns an unrelated directory into a data root. An existing root keeps its own description.
   *
   * @throws NotADataRootException if {@code root} is a non-empty directory without a data root, or
   *     it or its nearest existing parent is no directory
   */
  public static DataRoot openOrCreate(Path root, KindDescription kind, Duration lockTimeout)
      throws IOException {
    Path absolute = RootDirectory.checked(root);
    if (RootDirectory.describedKind(absolute) != null) {
      return open(absolute, lockTimeout);
    }
    if (!RootDirectory.missingOrEmpty(absolute)) {
      RootDirectory.refusePostgresRoot(absolute);
      throw new NotADataRootException(
          absolute
              + " is a directory with files but no Burrow data root; import into a data root"
              + " or into a new or empty directory");
    }
    return new DataRoot(absolute, kind, lockTimeout, FileSystemBackend::open);
  }

  /** The options of the command's stores: durable, quiet about damage (commands report it). */
  public static StoreOptions options(Path root, Duration lockTimeout) {
    return StoreOptions.defaults()
        .withDataRoot(root)
        .withLockTimeout(lockTimeout)
        .withCorruptionListener(problem -> {});
  }

  /** The root as the command was given it, made absolute: how its output names the root. */
  public Path path() {
    return path;
  }

  /**
   * The directory the root led to when it was opened, links resolved: where the command reads and
   * writes, as its store does ({@link StoreEngine#localRoot}), whatever a link on the way to {@link
   * #path} leads to meanwhile.
   */
  public Path directory() {
    return directory;
  }

  public KindDescription kind() {
    return kind;
  }

  /** The root's kind marker, {@code .burrow/store.json}, which describes its kind. */
  public Path kindMarker() {
    return RootDirectory.kindMarker(directory);
  }

  /**
   * How many entries the shards of {@code instances/} hold: about the instances a pass reads,
   * damaged ones and strays included, without reading a document; for a progress bar's total.
   */
  public long countEntries() {
    return EntryCount.of(directory);
  }

  /** One page of instances, newest first, with a report for each damaged one. */
  public Page<RawDocument> page(PageRequest request) {
    return engine.list(request);
  }

  /**
   * The instances after {@code after} (from the newest if null), newest first, read one at a time;
   * each damaged one is handed to {@code problems} when the walk meets it, in its place between the
   * readable ones.
   */
  public Iterator<RawDocument> walk(
      @Nullable SortKey after, Consumer<CorruptInstanceException> problems) {
    return files.walkAfter(after, problems);
  }

  /**
   * The instance's document, if there is one.
   *
   * @throws CorruptInstanceException if it is damaged, or a link or a file is planted on the way to
   *     it (in a shard's place): damage of the instance, as the listing names the shard, never
   *     followed
   */
  public Optional<RawDocument> find(String id) {
    try {
      return engine.find(id);
    } catch (StorageException e) {
      if (e.getCause() instanceof SafeFiles.RefusedFileException planted) {
        throw places.planted(id, planted);
      }
      throw e;
    }
  }

  /**
   * The IDs after {@code after}, newest first and found lazily, that the root's complete indexes of
   * top-level fields hold under the given value directory names (hints to verify against each
   * document), or null if none of the fields has a complete index; see {@link
   * FileIndexes#completeEntries}.
   */
  public @Nullable Iterator<String> indexed(
      Map<String, List<String>> valueNames, @Nullable SortKey after) {
    return files.completeIndexEntries(valueNames, after);
  }

  /** The instance's directory. */
  public InstanceDirectory dirs(String id) {
    return engine.dirs(id);
  }

  /** Takes the instance's lock, the one its writers take. */
  public InstanceLock lock(String id) {
    return engine.lock(id, engine.options().lockTimeout());
  }

  /**
   * The instance's event log, if it has one (reading it creates nothing); none if a link or a file
   * is planted in place of the instance's directory, which is damage of its document.
   *
   * @throws CorruptEventException if a link, a FIFO, a socket, a device or a directory is in the
   *     log's place, or a link or a file in place of a directory on its way: damage of the log,
   *     which is not opened (Burrow never follows a link inside its data root); or if the log or a
   *     directory on its way may not be read
   */
  public Optional<EventLog<JsonNode>> events(String id) {
    return places.checkEventLogFile(id)
        ? Optional.of(engine.events(id, JsonNode.class))
        : Optional.empty();
  }

  /** Where the instances' files are, and what is wrong with their places. */
  public InstancePlaces places() {
    return places;
  }

  /** The export, import and copy of the instances. */
  public RootTransfers transfers() {
    return transfers;
  }

  /**
   * What {@code fsck} checks and repairs besides the instances, with the runtime's own maintenance:
   * the crash leftovers and their sweep, Burrow's own files, the indexes and their rebuild, and the
   * quarantine of damaged instances (see {@link RootMaintenance}).
   */
  public RootMaintenance<RawDocument> maintenance() {
    return files.maintenance();
  }

  @Override
  public void close() {
    engine.close();
  }
}
