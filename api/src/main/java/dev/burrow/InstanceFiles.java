package dev.burrow;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of one instance, addressed by paths relative to its directory, such as {@code
 * "logs/checkpoint.json"}. Obtain it from the generated store's {@code files(id)}.
 *
 * <p>A path is confined to the instance: it is split on {@code /}, every segment must pass the name
 * rules of {@link dev.burrow.spi.PathSegments} (no {@code ..}, no {@code .}, no empty segment, no
 * absolute path, no backslash), and no symbolic link may lie on the way. What the store owns in the
 * directory is not reachable either, on any backend: {@code instance.json} and the event log's
 * directory {@code events/} at the top of the instance (compared ignoring case; the same names
 * deeper down are the application's). Anything else is refused with {@link UnsafePathException}
 * before a file is touched, for reading as for writing. Missing directories on the way are created
 * owner-only.
 *
 * <p>JSON files are written with the atomic, durable replace protocol at the store's durability: a
 * reader sees the whole old or the whole new value. Writes are not serialized: hold the instance's
 * lock for read-modify-write from several writers. They are read with Jackson's defaults
 * (properties the type does not declare are skipped, a number is read into a {@code String}),
 * except that JSON with a key twice in one object is refused as damaged, as documents refuse it.
 *
 * <p><b>Bound to its store.</b> Once the store that handed out this handle is closed, {@link
 * #file}, {@link #read} and {@link #write} throw {@link MisuseException} naming the closed store
 * and touch nothing (no directory is created, no file written), on every backend. A call that got
 * past that check before the close runs to its end and reports its outcome as it is. {@link
 * #directory} keeps answering.
 */
public interface InstanceFiles {

  /** The instance's directory. */
  InstanceDirectory directory();

  /**
   * The file at {@code relativePath} inside the instance, with the directories on the way created;
   * the file itself is not created.
   *
   * @throws UnsafePathException if the path could lead outside the instance or into what the store
   *     owns
   * @throws InstanceNotFoundException if the instance was deleted since this handle was obtained
   * @throws StorageException if a directory cannot be created
   */
  Path file(String relativePath);

  /**
   * The value stored at {@code relativePath}, or empty if there is no file.
   *
   * @throws UnsafePathException if the path could lead outside the instance or into what the store
   *     owns
   * @throws CorruptJsonFileException naming the file if it cannot be read as {@code type}
   * @throws MisuseException if Jackson cannot read {@code type} at all: its module does not open
   *     its package to Jackson databind, or it is a Kotlin class and Jackson 3's Kotlin module is
   *     missing (the message names the line or dependency to add); nothing is read
   * @throws InstanceNotFoundException if the instance was deleted since this handle was obtained
   */
  <D> Optional<D> read(String relativePath, Class<D> type);

  /**
   * Atomically replaces (or creates) the JSON file at {@code relativePath} with {@code value}.
   *
   * @throws UnsafePathException if the path could lead outside the instance or into what the store
   *     owns
   * @throws MisuseException if Jackson cannot write {@code value}, or the JSON it writes does not
   *     read back as a value of its class (a type without a creator Jackson can use, a Kotlin class
   *     without Jackson 3's Kotlin module), or is larger than 16 MiB; nothing is written
   * @throws InstanceNotFoundException if the instance was deleted since this handle was obtained;
   *     nothing is written
   * @throws StorageException naming the file if the write fails; the old content is intact
   * @throws OutcomeUnknownException if the new file was put in place but could not be made durable
   */
  <D> void write(String relativePath, D value);
}
