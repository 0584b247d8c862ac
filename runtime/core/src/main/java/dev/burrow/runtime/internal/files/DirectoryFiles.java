package dev.burrow.runtime.internal.files;

import dev.burrow.Durability;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceFiles;
import dev.burrow.StorageException;
import dev.burrow.UnsafePathException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.json.JsonFile;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files of one instance, addressed by paths relative to its directory, such as {@code
 * "logs/checkpoint.json"}. A path is confined to the instance: it is split on {@code /}, every
 * segment must pass {@link PathSegments} (so no {@code ..}, no {@code .}, no empty segment, no
 * absolute path, no backslash), and no symbolic link may lie on the way; a path into what the store
 * owns ({@link StoreOwned}: the document, the event log) is refused too, for reading as for
 * writing. Anything else is refused with an {@link UnsafePathException} before a file is touched.
 * Missing directories on the way are created owner-only (0700), and made durable at the store's
 * durability (their parent is flushed), but never the instance directory itself: files of a deleted
 * instance cannot bring it back.
 *
 * <p>JSON files are written with the atomic, durable replace protocol at the store's durability.
 * The files are the instance's: they are removed with it. Writes are not serialized: hold the
 * instance's lock for read-modify-write from several writers.
 */
public final class DirectoryFiles implements InstanceFiles {
  private final Path dataRoot;
  private final InstanceDirectory directory;
  private final Durability durability;
  private final JsonMapper mapper;
  private final TempFiles temps;
  private final Runnable confirmInstance;

  private DirectoryFiles(
      Path dataRoot,
      InstanceDirectory directory,
      Durability durability,
      JsonMapper mapper,
      TempFiles temps,
      Runnable confirmInstance) {
    this.dataRoot = dataRoot;
    this.directory = directory;
    this.durability = durability;
    this.mapper = mapper;
    this.temps = temps;
    this.confirmInstance = confirmInstance;
  }

  /**
   * The files under {@code directory}, which lies below {@code dataRoot}, written at {@code
   * durability} through the data root's temporary area {@code temps}, mapped with {@code mapper}.
   * Every use checks again that no directory between the data root and the file is a symbolic link,
   * so a handle taken before the instance directory was swapped for a link never writes through it.
   *
   * @param confirmInstance run at the start of each use: throws {@link
   *     dev.burrow.InstanceNotFoundException} if the instance is gone, and leaves {@code directory}
   *     the live instance's (the backend's {@link
   *     dev.burrow.spi.StorageBackend#confirmInstanceDirectory}), so that a handle taken before a
   *     delete on another host never writes into the deleted instance's directory
   */
  public static DirectoryFiles of(
      Path dataRoot,
      InstanceDirectory directory,
      Durability durability,
      JsonMapper mapper,
      TempFiles temps,
      Runnable confirmInstance) {
    return new DirectoryFiles(dataRoot, directory, durability, mapper, temps, confirmInstance);
  }

  @Override
  public InstanceDirectory directory() {
    return directory;
  }

  /**
   * The file at {@code relativePath} inside the instance, with the directories on the way created;
   * the file itself is not created.
   *
   * @throws UnsafePathException if the path could lead outside the instance or into what the store
   *     owns
   * @throws dev.burrow.InstanceNotFoundException if the instance was deleted ({@link
   *     DeletedInstance})
   * @throws StorageException if a directory cannot be created
   */
  @Override
  public Path file(String relativePath) {
    return resolve(segments(relativePath), relativePath);
  }

  /**
   * The instance's event log ({@link StoreOwned#EVENT_LOG}), with its directory created; the file
   * itself is not created. For the store's event log only: the path is its own.
   *
   * @throws UnsafePathException if a symbolic link lies on the way
   * @throws StorageException if the directory cannot be created
   */
  public Path eventLog() {
    return resolve(List.of(StoreOwned.EVENT_LOG.split("/")), StoreOwned.EVENT_LOG);
  }

  /**
   * {@code directory}, below {@code dataRoot}, once it and each of its declared subdirectories is a
   * real directory or missing, checked right before it is handed to code that acts on those paths
   * (the {@link dev.burrow.WorkspaceProvisioner} hooks): a link or file planted in place of one, or
   * of a directory on the way, would lead that code outside the root. What is planted after this
   * check is not seen. Cost: one {@code lstat} per directory between the data root and each checked
   * path.
   *
   * @throws UnsafePathException naming the first path that is a symbolic link or not a directory
   * @throws StorageException if one cannot be looked at
   */
  public static InstanceDirectory checked(Path dataRoot, InstanceDirectory directory) {
    try {
      checkDirectory(dataRoot, directory, directory.root(), ".");
    } catch (NoSuchFileException e) {
      return directory; // nothing below a missing directory
    }
    for (String name : directory.subdirectories()) {
      try {
        checkDirectory(dataRoot, directory, directory.subdirectory(name), name);
      } catch (NoSuchFileException e) {
        // missing: made when needed, never through a link
      }
    }
    return directory;
  }

  /**
   * Checks that {@code path}, the directory {@code relativePath} of the instance, and every
   * directory on the way to it from {@code dataRoot} are real directories.
   *
   * @throws NoSuchFileException if one of them is missing
   * @throws UnsafePathException if one is a symbolic link or not a directory
   * @throws StorageException if one cannot be looked at
   */
  private static void checkDirectory(
      Path dataRoot, InstanceDirectory directory, Path path, String relativePath)
      throws NoSuchFileException {
    try {
      SafeFiles.checkDirectory(dataRoot, path);
    } catch (SafeFiles.RefusedFileException e) {
      throw new UnsafePathException(
          directory.instanceId(), relativePath, e.reasonAbout(e.path().toString()));
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw unusable(directory, e);
    }
  }

  private static StorageException unusable(InstanceDirectory directory, IOException e) {
    return new StorageException(
        "cannot use the directory of instance '"
            + directory.instanceId()
            + "': "
            + Failures.describe(e),
        e);
  }

  private Path resolve(List<String> segments, String relativePath) {
    confirmInstance.run();
    Path current = directory.root();
    try {
      checkDirectory(dataRoot, directory, current, relativePath);
    } catch (NoSuchFileException e) {
      throw DeletedInstance.notFound(directory, e);
    }
    for (int i = 0; i < segments.size() - 1; i++) {
      current = current.resolve(segments.get(i));
      enterDirectory(current, relativePath);
    }
    Path file = current.resolve(segments.get(segments.size() - 1));
    if (Files.isSymbolicLink(file)) {
      throw new UnsafePathException(
          directory.instanceId(),
          relativePath,
          file + " is a symbolic link; Burrow never follows links inside an instance");
    }
    return file;
  }

  /**
   * The typed JSON file at {@code relativePath}, with the directories on the way created.
   *
   * @throws UnsafePathException if the path could lead outside the instance or into what the store
   *     owns
   */
  public <D> JsonFile<D> json(String relativePath, Class<D> type) {
    Objects.requireNonNull(type, "type");
    return JsonFile.of(dataRoot, file(relativePath), type, mapper, durability, temps);
  }

  /**
   * The value stored at {@code relativePath}, or empty if there is no file.
   *
   * @throws UnsafePathException if the path could lead outside the instance or into what the store
   *     owns
   * @throws dev.burrow.CorruptJsonFileException naming the file if it cannot be read as {@code
   *     type}
   */
  @Override
  public <D> Optional<D> read(String relativePath, Class<D> type) {
    return json(relativePath, type).read();
  }

  /**
   * Atomically replaces (or creates) the JSON file at {@code relativePath} with {@code value}.
   *
   * @throws UnsafePathException if the path could lead outside the instance or into what the store
   *     owns
   * @throws dev.burrow.MisuseException if Jackson cannot write {@code value}, or what it writes
   *     does not read back ({@link dev.burrow.runtime.internal.json.ReadBack}); nothing is written
   * @throws dev.burrow.InstanceNotFoundException if the instance was deleted ({@link
   *     DeletedInstance}); nothing is written
   * @throws StorageException naming the file if the write fails; the old content is intact
   */
  @SuppressWarnings("unchecked")
  @Override
  public <D> void write(String relativePath, D value) {
    Objects.requireNonNull(value, "value");
    JsonFile<D> file = json(relativePath, (Class<D>) value.getClass());
    try {
      file.write(value);
    } catch (StorageException e) {
      if (DeletedInstance.isGone(dataRoot, directory)) {
        throw DeletedInstance.notFound(directory, e);
      }
      throw e;
    }
  }

  private List<String> segments(String relativePath) {
    Objects.requireNonNull(relativePath, "relativePath");
    if (relativePath.startsWith("/")
        || relativePath.startsWith("\\")
        || (relativePath.length() > 1 && relativePath.charAt(1) == ':')) {
      throw new UnsafePathException(
          directory.instanceId(),
          relativePath,
          "it is absolute; give a path relative to the instance directory");
    }
    List<String> segments = List.of(relativePath.split("/", -1));
    for (String segment : segments) {
      String broken = PathSegments.brokenRule(segment);
      if (broken != null) {
        throw new UnsafePathException(
            directory.instanceId(), relativePath, "segment \"" + segment + "\" " + broken);
      }
    }
    String owner = StoreOwned.owner(segments.get(0));
    if (owner != null) {
      throw new UnsafePathException(directory.instanceId(), relativePath, owner);
    }
    return segments;
  }

  private void enterDirectory(Path dir, String relativePath) {
    if (Files.isSymbolicLink(dir)) {
      throw new UnsafePathException(
          directory.instanceId(),
          relativePath,
          dir + " is a symbolic link; Burrow never follows links inside an instance");
    }
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      OwnerOnly.createDirectory(dir, durability);
    } catch (FileAlreadyExistsException e) {
      throw new UnsafePathException(
          directory.instanceId(), relativePath, dir + " exists and is not a directory");
    } catch (IOException e) {
      if (e instanceof NoSuchFileException && DeletedInstance.isGone(dataRoot, directory)) {
        throw DeletedInstance.notFound(directory, e);
      }
      throw Failures.ofStep(
          "cannot create directory " + dir + " in instance '" + directory.instanceId() + "'",
          dir,
          e);
    }
  }
}
