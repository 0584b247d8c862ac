package dev.burrow;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Files shared by every instance and process on this host's data root, under {@code
 * <root>/shared/}: typed documents changed by read-modify-write under a cross-process lock ({@link
 * #document}), and write-once files named by a fresh ID ({@link #createUnique}). Obtain it from the
 * generated store's {@code shared()}.
 *
 * <p>Names, folders and IDs must pass {@link dev.burrow.spi.PathSegments}, so nothing leaves {@code
 * shared/}. Shared files live on this host's disk and are locked with this host's file locks,
 * whatever the store's backend: they are shared by the processes of one machine. They are read as
 * instance files are ({@link InstanceFiles}): JSON with a key twice in one object is refused as
 * damaged.
 *
 * <p><b>Bound to its store.</b> Once the store that handed them out is closed, every method but
 * {@link #directory} throws {@link MisuseException} naming the closed store and touches nothing, on
 * every backend, and so do the documents they handed out ({@link SharedDocument}). A call that got
 * past that check before the close runs to its end and reports its outcome as it is. A lock taken
 * before the close is still released by its {@link InstanceLock#close()}.
 */
public interface SharedFiles {

  /** The {@code shared/} directory. */
  Path directory();

  /**
   * The shared document {@code name} ({@code shared/<name>.json}), reading as {@code defaultValue}
   * until something is stored.
   *
   * @throws InvalidIdException if {@code name} breaks the name rules
   */
  <D> SharedDocument<D> document(String name, Class<D> type, Supplier<D> defaultValue);

  /**
   * Writes {@code content} to a new file {@code shared/<folder>/<id>.json} under a fresh UUIDv7 ID,
   * never overwriting anything: the file appears complete or not at all.
   *
   * @return the new file's ID
   * @throws InvalidIdException if {@code folder} breaks the name rules
   * @throws MisuseException if Jackson cannot write {@code content}, or the JSON it writes does not
   *     read back as a value of its class or is larger than 16 MiB; no file appears
   * @throws StorageException if the write fails; no file appears
   * @throws SharedFileExistsException if the generated ID is already taken in that folder; nothing
   *     is changed
   * @throws OutcomeUnknownException if the file is in place but flushing its folder failed
   *     (durability {@code FSYNC}): it may not survive a power cut; {@link
   *     OutcomeUnknownException#instanceId} is its ID
   */
  <D> String createUnique(String folder, D content);

  /**
   * The content of the create-unique file {@code id} in {@code folder}, or empty if there is none.
   *
   * @throws InvalidIdException if {@code folder} or {@code id} breaks the name rules
   * @throws CorruptJsonFileException naming the file if it cannot be read as {@code type}
   * @throws MisuseException if Jackson cannot read {@code type} at all: its module does not open
   *     its package to Jackson databind, or it is a Kotlin class and Jackson 3's Kotlin module is
   *     missing (the message names the line or dependency to add); nothing is read
   */
  <D> Optional<D> readUnique(String folder, String id, Class<D> type);

  /**
   * The IDs of the create-unique files in {@code folder}, oldest first.
   *
   * @throws InvalidIdException if {@code folder} breaks the name rules
   * @throws StorageException if the folder cannot be listed, or is not a directory of its own (a
   *     link planted there is refused, never followed)
   */
  List<String> listUnique(String folder);

  /**
   * Takes the lock {@code name}, held across the threads and processes of this host that use this
   * data root, waiting at most the store's lock timeout: for work outside any instance that must
   * not run twice at once (a shared cache, an external tool's state). Reentrant for the holding
   * thread; close it on that thread. Its names never collide with instance locks. Cost: one
   * in-process lock and two {@code fcntl} calls.
   *
   * @throws InvalidIdException if {@code name} breaks the name rules
   * @throws LockTimeoutException if it is not free in time
   */
  InstanceLock lock(String name);
}
