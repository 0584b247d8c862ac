package dev.burrow.runtime.internal.shared;

import dev.burrow.Durability;
import dev.burrow.IdGenerator;
import dev.burrow.InstanceLock;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.SharedDocument;
import dev.burrow.SharedFileExistsException;
import dev.burrow.SharedFiles;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.DirectoryListing;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.id.IdGenerators;
import dev.burrow.runtime.internal.json.FilesMapper;
import dev.burrow.runtime.internal.json.JsonFile;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.store.HostContext;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared files of a data root, under {@code <root>/shared/}:
 *
 * <pre>
 * shared/&lt;name&gt;.json            a shared document ({@link #document})
 * shared/&lt;folder&gt;/&lt;id&gt;.json     a create-unique file ({@link #createUnique})
 * </pre>
 *
 * <p>Names, folders and IDs must pass {@link PathSegments}, so nothing leaves {@code shared/}.
 * Shared files live on this host's disk and are locked with this host's file locks: they are shared
 * by the processes of one machine (not over NFS, whatever the store's backend).
 */
public final class LocalSharedFiles implements SharedFiles {
  private static final String SUFFIX = ".json";

  private final Path root;
  private final Path directory;
  private final InstanceLocks locks;
  private final Durability durability;
  private final Duration lockTimeout;
  private final JsonMapper mapper;
  private final TempFiles temps;

  private LocalSharedFiles(
      Path root,
      Path directory,
      InstanceLocks locks,
      Durability durability,
      Duration lockTimeout,
      JsonMapper mapper,
      TempFiles temps) {
    this.root = root;
    this.directory = directory;
    this.temps = temps;
    this.locks = locks;
    this.durability = durability;
    this.lockTimeout = lockTimeout;
    this.mapper = mapper;
  }

  /**
   * The shared files under {@code host}'s root, at its durability and lock timeout, mapped with
   * {@link FilesMapper#INSTANCE}; the {@code shared/} directory is created (0700) if missing.
   */
  public static LocalSharedFiles of(HostContext host) {
    Path directory = host.root().resolve("shared");
    OwnerOnly.createDirectories(host.root(), host.durability());
    makeDirectories(host.root(), directory, host.durability());
    return new LocalSharedFiles(
        host.root(),
        directory,
        host.locks(),
        host.durability(),
        host.lockTimeout(),
        FilesMapper.INSTANCE,
        host.temps());
  }

  @Override
  public Path directory() {
    return directory;
  }

  /**
   * The shared document {@code name}, stored in {@code shared/<name>.json}; until it is first
   * updated it reads as {@code defaultValue.get()}, called afresh each time.
   *
   * @throws dev.burrow.InvalidIdException if {@code name} breaks a rule of {@link PathSegments}
   */
  @Override
  public <D> SharedDocument<D> document(String name, Class<D> type, Supplier<D> defaultValue) {
    PathSegments.check(Objects.requireNonNull(name, "name"), "shared document name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    JsonFile<D> file =
        JsonFile.of(root, directory.resolve(name + SUFFIX), type, mapper, durability, temps);
    return new LocalSharedDocument<>(name, file, locks, lockTimeout, defaultValue);
  }

  /**
   * Stores {@code content} in a new file {@code shared/<folder>/<id>.json} named by a fresh UUIDv7,
   * and returns the ID. No lock is taken: the name is unique. The file appears complete or not at
   * all: the content is written (and flushed under FSYNC) to a temporary file that is then
   * hard-linked to its name, which fails atomically if the name exists; an existing file is never
   * overwritten. Needs a file system with hard links (every POSIX local file system, NTFS).
   *
   * @throws dev.burrow.InvalidIdException if {@code folder} or the generated ID breaks a rule
   * @throws SharedFileExistsException if the generated ID is taken; nothing is changed
   * @throws dev.burrow.MisuseException if Jackson cannot write {@code content}, or what it writes
   *     does not read back; no file appears
   * @throws StorageException if the file cannot be written; no file appears
   * @throws OutcomeUnknownException if the file is in place but flushing its folder failed (FSYNC):
   *     it may not survive a power cut; {@link OutcomeUnknownException#instanceId} is its ID
   */
  @Override
  public <D> String createUnique(String folder, D content) {
    return createUnique(folder, content, IdGenerators.uuidV7());
  }

  /** {@link #createUnique(String, Object)} with IDs from {@code ids}. */
  public <D> String createUnique(String folder, D content, IdGenerator ids) {
    Path dir = folder(folder);
    Objects.requireNonNull(content, "content");
    makeDirectories(root, dir, durability);
    String id = PathSegments.check(ids.nextId(), "create-unique id");
    Path target = dir.resolve(id + SUFFIX);
    @SuppressWarnings("unchecked")
    JsonFile<D> file =
        JsonFile.of(root, target, (Class<D>) content.getClass(), mapper, durability, temps);
    Path temp;
    try {
      temp = temps.newPath(target);
    } catch (IOException e) {
      throw new StorageException(
          "create-unique of " + target + " failed: " + Failures.describe(e), e);
    }
    try {
      AtomicFiles.writeNewFile(temp, file.encode(content), durability);
      SafeFiles.checkWay(root, target);
      Files.createLink(target, temp);
    } catch (FileAlreadyExistsException e) {
      throw new SharedFileExistsException(target);
    } catch (IOException e) {
      throw Failures.ofStep("create-unique of " + target + " failed", target, e);
    } catch (UnsupportedOperationException e) {
      throw new StorageException(
          "create-unique of " + target + " failed: " + Failures.describe(e), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // Left in this process's session of the temporary area, removed once it is gone.
      }
    }
    if (durability == Durability.FSYNC) {
      flushFolder(dir, target, id);
    }
    return id;
  }

  /**
   * Flushes {@code folder}, in which the new file {@code target} named {@code id} is already in
   * place for every reader.
   *
   * @throws OutcomeUnknownException naming {@code id} if the flush fails: the file may not survive
   *     a power cut
   */
  private static void flushFolder(Path folder, Path target, String id) {
    try {
      AtomicFiles.forceDirectory(folder);
    } catch (IOException e) {
      throw new OutcomeUnknownException(
          id,
          "create-unique of "
              + target
              + ": the file is in place, but flushing its folder failed, so it may not survive a"
              + " power cut: "
              + Failures.describe(e),
          e);
    }
  }

  /**
   * The content of create-unique file {@code id} in {@code folder}, or empty if there is none.
   *
   * @throws dev.burrow.InvalidIdException if {@code folder} or {@code id} breaks a rule
   * @throws dev.burrow.CorruptJsonFileException naming the file if it is damaged
   */
  @Override
  public <D> Optional<D> readUnique(String folder, String id, Class<D> type) {
    Path file =
        folder(folder)
            .resolve(
                PathSegments.check(Objects.requireNonNull(id, "id"), "create-unique id") + SUFFIX);
    Objects.requireNonNull(type, "type");
    return JsonFile.of(root, file, type, mapper, durability, temps).read();
  }

  /**
   * The IDs of the create-unique files in {@code folder}, sorted (time-ordered IDs list oldest
   * first); temporary files of writes in progress are never listed.
   *
   * @throws dev.burrow.InvalidIdException if {@code folder} breaks a rule
   */
  @Override
  public List<String> listUnique(String folder) {
    Path dir = folder(folder);
    List<String> ids = new ArrayList<>();
    try {
      SafeFiles.checkDirectory(root, dir);
      for (Path entry : DirectoryListing.entries(dir, "*" + SUFFIX)) {
        String name = entry.getFileName().toString();
        String id = name.substring(0, name.length() - SUFFIX.length());
        if (PathSegments.isValid(id)) {
          ids.add(id);
        }
      }
    } catch (NoSuchFileException e) {
      return ids;
    } catch (IOException e) {
      throw new StorageException("cannot list " + dir + ": " + Failures.describe(e, dir), e);
    }
    ids.sort(null);
    return ids;
  }

  @Override
  public InstanceLock lock(String name) {
    return locks.lock(
        "lock:" + PathSegments.check(Objects.requireNonNull(name, "name"), "shared lock name"),
        lockTimeout);
  }

  private Path folder(String folder) {
    return directory.resolve(
        PathSegments.check(Objects.requireNonNull(folder, "folder"), "shared folder"));
  }

  /**
   * Makes {@code dir} and the directories on the way below {@code root}, never through a link.
   *
   * @throws StorageException if one is a link or not a directory, or cannot be made
   * @throws dev.burrow.InterruptedOperationException if the thread is interrupted while a new one
   *     is flushed
   */
  private static void makeDirectories(Path root, Path dir, Durability durability) {
    try {
      SafeFiles.makeDirectories(root, dir, durability);
    } catch (IOException e) {
      throw Failures.ofStep("cannot make " + dir, dir, e);
    }
  }
}
