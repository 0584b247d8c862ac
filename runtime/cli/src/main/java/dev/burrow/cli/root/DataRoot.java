package dev.burrow.cli.root;

import dev.burrow.CorruptEventException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.CorruptJsonFileException;
import dev.burrow.EventLog;
import dev.burrow.ExportSummary;
import dev.burrow.ImportSummary;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.internal.files.StoreOwned;
import dev.burrow.runtime.internal.filestore.Bookkeeping;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.filestore.Leftover;
import dev.burrow.runtime.internal.filestore.RootMaintenance;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.index.FileIndexes;
import dev.burrow.runtime.internal.index.IndexCheck;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.store.HostContext;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.runtime.internal.transfer.Exporter;
import dev.burrow.runtime.internal.transfer.Importer;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.runtime.internal.transfer.Skipped;
import dev.burrow.runtime.internal.transfer.TransferView;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import dev.burrow.spi.StorageBackend;
import dev.burrow.spi.StorageBackendFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A data root opened without the application's classes: Burrow's own store engine and filesystem
 * backend over a {@link RawSchema} of the kind its marker describes, so every read, lock, sweep,
 * export and import is the one the application's stores do. Opening it sweeps crash leftovers, as
 * any store's opening does, unless it is opened for {@code fsck} ({@link #openLeavingLeftovers}).
 */
public final class DataRoot implements AutoCloseable {
  private final Path path;
  private final KindDescription kind;
  private final StoreEngine<RawDocument> engine;
  private final FileSystemBackend<RawDocument> files;

  /** Where the damaged instances an export or a copy leaves out are reported while it runs. */
  private Consumer<CorruptInstanceException> leftOut = problem -> {};

  /** How the filesystem backend is opened: sweeping crash leftovers or leaving them. */
  private interface BackendOpener {
    <T> FileSystemBackend<T> open(InstanceSchema<T> schema, Path root, StoreOptions options);
  }

  private DataRoot(
      Path path, KindDescription kind, Duration lockTimeout, BackendOpener backendOpener) {
    this.path = path;
    this.kind = kind;
    List<FileSystemBackend<RawDocument>> opened = new ArrayList<>();
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
            options(path, lockTimeout).withCorruptionListener(problem -> leftOut.accept(problem)));
    this.files = opened.get(0);
  }

  /**
   * Opens the data root at {@code root}, whose instance locks it waits for at most {@code
   * lockTimeout}.
   *
   * @throws NotADataRootException if {@code root} holds no data root whose kind is described, or is
   *     no directory
   */
  public static DataRoot open(Path root, Duration lockTimeout) {
    return open(root, lockTimeout, FileSystemBackend::open);
  }

  /**
   * {@link #open(Path, Duration)} without the sweep of crash leftovers: they stay where they are,
   * for {@code fsck} to name ({@link #leftovers}) or sweep ({@link #sweep}).
   *
   * @throws NotADataRootException as {@link #open(Path, Duration)} does
   */
  public static DataRoot openLeavingLeftovers(Path root, Duration lockTimeout) {
    return open(root, lockTimeout, FileSystemBackend::openLeavingLeftovers);
  }

  private static DataRoot open(Path root, Duration lockTimeout, BackendOpener backendOpener) {
    Path absolute = root.toAbsolutePath().normalize();
    requireNoFileOnTheWay(absolute);
    KindDescription kind = describedKind(absolute);
    if (kind == null) {
      throw new NotADataRootException(
          absolute
              + " is not a Burrow data root, or one whose kind was never described: give the"
              + " directory a store was opened on (the one holding instances/ and .burrow/); a"
              + " root last opened by a Burrow older than its kind descriptions is described the"
              + " next time the application opens it");
    }
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
    Path absolute = root.toAbsolutePath().normalize();
    requireNoFileOnTheWay(absolute);
    if (describedKind(absolute) != null) {
      return open(absolute, lockTimeout);
    }
    if (!missingOrEmpty(absolute)) {
      throw new NotADataRootException(
          absolute
              + " is a directory with files but no Burrow data root; import into a data root"
              + " or into a new or empty directory");
    }
    return new DataRoot(absolute, kind, lockTimeout, FileSystemBackend::open);
  }

  /**
   * The kind the root's marker describes, as {@link FileSystemBackend#describedKind} reads it.
   *
   * @throws CorruptJsonFileException also if the marker may not be read (permission denied): no
   *     command reads the root without it, and the command says which file and why
   */
  private static @Nullable KindDescription describedKind(Path root) {
    try {
      return FileSystemBackend.describedKind(root);
    } catch (StorageException e) {
      if (!Failures.isPermissionDenied(e)) {
        throw e;
      }
      throw new CorruptJsonFileException(
          kindMarker(root),
          "it cannot be read: permission denied; no command reads the root without it, so run it"
              + " as a user who may read it",
          e);
    }
  }

  /**
   * Refuses a root that is, or would lie under, something other than a directory (a mistyped {@code
   * --root} naming an export's file): the nearest of it and its parents that exists must be a
   * directory, links followed, as the command line's own path is.
   *
   * @throws NotADataRootException naming what is not a directory
   */
  private static void requireNoFileOnTheWay(Path root) {
    for (Path at = root; at != null; at = at.getParent()) {
      if (Files.exists(at)) {
        if (!Files.isDirectory(at)) {
          throw new NotADataRootException(
              at
                  + " is not a directory, so "
                  + root
                  + " is no Burrow data root: give the directory a store was opened on (the one"
                  + " holding instances/ and .burrow/)");
        }
        return;
      }
    }
  }

  private static boolean missingOrEmpty(Path directory) throws IOException {
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  /** The options of the command's stores: durable, quiet about damage (commands report it). */
  public static StoreOptions options(Path root, Duration lockTimeout) {
    return StoreOptions.defaults()
        .withDataRoot(root)
        .withLockTimeout(lockTimeout)
        .withCorruptionListener(problem -> {});
  }

  public Path path() {
    return path;
  }

  public KindDescription kind() {
    return kind;
  }

  /** The root's kind marker, {@code .burrow/store.json}, which describes its kind. */
  public Path kindMarker() {
    return kindMarker(path);
  }

  private static Path kindMarker(Path root) {
    return root.resolve(".burrow").resolve("store.json");
  }

  /**
   * How many entries the shards of {@code instances/} hold ({@code
   * instances/<top>/<leaf>/<entry>}): about the instances a pass reads, damaged ones and strays
   * included. It reads no document: one directory listing per shard, links never followed; for a
   * progress bar's total.
   */
  public long countEntries() {
    long count = 0;
    for (Path top : directoryEntries(path.resolve("instances"))) {
      for (Path leaf : directoryEntries(top)) {
        count += directoryEntries(leaf).size();
      }
    }
    return count;
  }

  /** The entries of {@code directory} if it is a directory, not a link; else none. */
  private static List<Path> directoryEntries(Path directory) {
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // a count for a progress bar only: the pass itself reports what it meets
    }
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
        throw planted(id, planted);
      }
      throw e;
    }
  }

  /**
   * What is planted in place of the instance's directory or of a directory on its way (a link or a
   * file), named as {@link #find} names it, as damage of the document; empty if nothing is (the
   * directory is there, or gone). Looks without reading the document: one {@code lstat} per entry
   * from the root to the directory.
   */
  public Optional<CorruptInstanceException> plantedDirectory(String id) {
    try {
      checkedDirectory(id);
    } catch (InstanceNotFoundException gone) {
      return Optional.empty();
    } catch (SafeFiles.RefusedFileException planted) {
      return Optional.of(planted(id, planted));
    }
    return Optional.empty();
  }

  /** The damage of the instance's document that {@code planted} on the way to it is. */
  private CorruptInstanceException planted(String id, SafeFiles.RefusedFileException planted) {
    Path directory = directoryOf(id);
    String why = planted.reason().replaceFirst("^it ", "");
    return new CorruptInstanceException(
        directory.resolve(StoreOwned.DOCUMENT).toString(),
        planted.path().equals(directory)
            ? "its instance directory " + why
            : "the directory "
                + Printable.escaped(planted.path().toString())
                + " on its way "
                + why,
        planted);
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

  /**
   * The ID of the instance whose document {@code problem} names, or empty if it names no instance's
   * document (an entry of {@code instances/} that is no instance).
   */
  public Optional<String> instanceOf(CorruptInstanceException problem) {
    Path document = Path.of(problem.location()).toAbsolutePath().normalize();
    Path directory = document.getParent();
    if (directory == null || !document.endsWith(StoreOwned.DOCUMENT)) {
      return Optional.empty();
    }
    String id = String.valueOf(directory.getFileName());
    return PathSegments.isValid(id)
            && directory.equals(FileSystemBackend.instanceDirectory(path, id))
        ? Optional.of(id)
        : Optional.empty();
  }

  /** The instance's directory. */
  public InstanceDirectory dirs(String id) {
    return engine.dirs(id);
  }

  /**
   * Where the instance's directory belongs, whatever is there (a directory, nothing, or a link or a
   * file planted in its place), without looking: for a listing that names what it finds there.
   */
  public Path directoryOf(String id) {
    return FileSystemBackend.instanceDirectory(path, id);
  }

  /**
   * The instance's directory, or empty if a link or a file is planted in its place or on its way:
   * reading the instance's document names that damage, and nothing is read through it.
   *
   * @throws InstanceNotFoundException if the instance is gone
   */
  private Optional<Path> unplantedDirectory(String id) {
    try {
      return Optional.of(checkedDirectory(id));
    } catch (SafeFiles.RefusedFileException planted) {
      return Optional.empty();
    }
  }

  /**
   * The instance's directory, checked from the root.
   *
   * @throws SafeFiles.RefusedFileException if a link or a file is planted in its place or on its
   *     way
   * @throws InstanceNotFoundException if the instance is gone
   */
  private Path checkedDirectory(String id) throws SafeFiles.RefusedFileException {
    try {
      return dirs(id).root();
    } catch (StorageException e) {
      if (e.getCause() instanceof SafeFiles.RefusedFileException planted) {
        throw planted;
      }
      throw e;
    }
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
    return checkEventLogFile(id)
        ? Optional.of(engine.events(id, JsonNode.class))
        : Optional.empty();
  }

  /**
   * Checks the place of the instance's event log without opening it: one {@code lstat} per entry
   * from the root to the log, and one more for the log's link count (a log with a second name, a
   * hard link, is refused as the library's appends and reads refuse it). Reads no event.
   *
   * @return whether there is a log to read: false if there is none, or a link or a file is planted
   *     in place of the instance's directory (damage of its document)
   * @throws CorruptEventException as {@link #events} does
   */
  public boolean checkEventLogFile(String id) {
    Optional<Path> directory = unplantedDirectory(id);
    if (directory.isEmpty()) {
      return false;
    }
    Path file = directory.get().resolve(FileEventLog.RELATIVE_PATH);
    try {
      SafeFiles.checkWay(path, file);
      SafeFiles.requireSingleLink(file, false);
      if (!Files.isReadable(file)) {
        throw new AccessDeniedException(file.toString());
      }
    } catch (NoSuchFileException noLog) {
      return false;
    } catch (AccessDeniedException e) {
      throw new CorruptEventException(file, 0, "it cannot be read: permission denied", e);
    } catch (SafeFiles.RefusedFileException e) {
      String why =
          e.path().equals(file)
              ? e.reason()
              : "its directory " + e.path() + " " + e.reason().replaceFirst("^it ", "");
      throw new CorruptEventException(file, 0, why, e);
    } catch (IOException e) {
      throw new StorageException("cannot read event log " + file + ": " + e, e);
    }
    return true;
  }

  /**
   * What is wrong with the instance's declared subdirectories: each one that is there must be a
   * directory reached through directories, never a link, or the store refuses to use it ({@code
   * files()} throws {@code UnsafePathException}); one that is missing is not damage (it is made
   * when used). Empty if nothing is wrong, the instance is gone (a writer deleted it since it was
   * read) or a link or a file is planted in place of its directory (damage of its document, never
   * followed); nothing is changed.
   *
   * @throws StorageException if a subdirectory cannot be looked at
   */
  public List<Bookkeeping.Finding> checkSubdirectories(String id) {
    Path directory;
    try {
      Optional<Path> unplanted = unplantedDirectory(id);
      if (unplanted.isEmpty()) {
        return List.of();
      }
      directory = unplanted.get();
    } catch (InstanceNotFoundException deletedMeanwhile) {
      return List.of();
    }
    List<Bookkeeping.Finding> findings = new ArrayList<>();
    for (String subdirectory : kind.subdirectories()) {
      Path at = directory.resolve(subdirectory);
      try {
        SafeFiles.checkDirectory(path, at);
      } catch (NoSuchFileException missing) {
        // made when the application uses it; a deleted instance has none
      } catch (SafeFiles.RefusedFileException e) {
        findings.add(new Bookkeeping.Finding(e.path(), e.reason()));
      } catch (IOException e) {
        throw new StorageException("cannot check " + at + ": " + Failures.describe(e), e);
      }
    }
    return findings;
  }

  /**
   * Writes every readable instance as JSON Lines, and their directories' files as tar, as the
   * engine's export does (see {@link Exporter#export}); hands each damaged instance it leaves out
   * to {@code eachLeftOut}, and each file or directory of an instance's directory that it cannot
   * read, and leaves out of the archive, to {@code eachUnreadable}.
   */
  public ExportSummary exportTo(
      OutputStream documents,
      @Nullable OutputStream directories,
      Consumer<CorruptInstanceException> eachLeftOut,
      Consumer<Skipped> eachUnreadable) {
    return reportingLeftOut(
        eachLeftOut,
        () ->
            Exporter.export(
                transfers(),
                documents,
                directories,
                problem -> leftOut.accept(problem),
                eachUnreadable));
  }

  /**
   * Reads an export of this root's kind into it, as the engine's import does (see {@link
   * Importer#importInto}), handing each archive entry it skips to {@code eachSkipped}.
   */
  public ImportSummary importFrom(
      InputStream documents, @Nullable InputStream directories, Consumer<Skipped> eachSkipped) {
    return Importer.importInto(transfers(), documents, directories, eachSkipped);
  }

  /**
   * The root seen as raw documents, with the engine's schema, backend, locks and temporary area.
   */
  private TransferView<RawDocument> transfers() {
    StoreOptions options = engine.options();
    return new TransferView<>(
        engine.schema(),
        files,
        new HostContext(
            path,
            TempFiles.forRoot(path),
            InstanceLocks.forRoot(path),
            options.durability(),
            options.lockTimeout()));
  }

  /**
   * Copies every readable instance into {@code target} with the engine's own copy (see {@link
   * StoreEngine#copyTo}), running {@code eachCopied} after each instance it copies and handing each
   * damaged instance it leaves behind to {@code eachLeftOut}.
   */
  public ImportSummary copyTo(
      StoreEngine<RawDocument> target,
      Runnable eachCopied,
      Consumer<CorruptInstanceException> eachLeftOut) {
    return reportingLeftOut(eachLeftOut, () -> engine.copyTo(target, eachCopied));
  }

  /** Runs {@code transfer}, the engine's export or copy, which reports to the store's listener. */
  private <S> S reportingLeftOut(
      Consumer<CorruptInstanceException> eachLeftOut, Supplier<S> transfer) {
    leftOut = eachLeftOut;
    try {
      return transfer.get();
    } finally {
      leftOut = problem -> {};
    }
  }

  /**
   * Moves a damaged instance (named by its damaged document) or a stray entry out of the instances,
   * into Burrow's quarantine, under the instance's lock; see {@link RootMaintenance#quarantine}.
   *
   * @return what went where, or null if nothing was moved (repaired or deleted meanwhile)
   */
  public RootMaintenance.@Nullable Quarantined quarantine(Path location) {
    return files.maintenance().quarantine(location);
  }

  /** What is wrong with Burrow's own files under {@code .burrow/}; empty if nothing is. */
  public List<Bookkeeping.Finding> checkBookkeeping() {
    return files.maintenance().checkBookkeeping();
  }

  /** A check of the root's indexes against its documents; reads only. */
  public IndexCheck checkIndexes() {
    return files.maintenance().checkIndexes();
  }

  /**
   * Rebuilds every complete index from the documents' JSON with the runtime's own rebuild, under
   * the rebuild lock its stores take, and removes stale entries under their instances' locks;
   * incomplete indexes stay so, for the application to rebuild (see {@link
   * FileIndexes#repairFromJson}).
   */
  public FileIndexes.Repair repairIndexes() {
    return files.maintenance().repairIndexes();
  }

  /**
   * Removes what crashes left behind, with the runtime's own sweep (the one opening a store runs),
   * skipping work in progress whose instance lock or session lease another process holds, and the
   * leases planted in the temporary area that the sweep never opens (see {@link
   * RootMaintenance#sweepForRepair}).
   *
   * @return the planted leases removed, with what each was, and the leftovers swept
   */
  public RootMaintenance.RepairSweep sweep() {
    return files.maintenance().sweepForRepair();
  }

  /**
   * What the sweep would remove, by its own rules, removing nothing: what crashes left that no live
   * process is working on (see {@link RootMaintenance#leftovers}).
   */
  public List<Leftover> leftovers() {
    return files.maintenance().leftovers();
  }

  @Override
  public void close() {
    engine.close();
  }
}
