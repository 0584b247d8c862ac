package dev.burrow;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A typed JSON document shared by all instances and processes on this host's data root
 * (configuration, counters, registries). {@link #update} is a read-modify-write under a
 * cross-process lock with an atomic write, so concurrent updates from any thread or process are
 * applied one after another and none is lost; {@link #read} takes no lock and sees the last
 * complete write. A document that does not exist yet reads as its default value.
 *
 * <p>Cost of an update: one lock, one read, one atomic replace (two {@code fsync}s under {@link
 * Durability#FSYNC}). Different documents never wait for each other.
 *
 * <p><b>Bound to its store.</b> Once the store whose {@link SharedFiles} handed out the document is
 * closed, {@link #read} and {@link #update} throw {@link MisuseException} naming the closed store
 * and touch nothing; an update that was waiting for the document's lock when the store closed is
 * refused once it holds it, before its change runs. A call that got past those checks before the
 * close runs to its end and reports its outcome as it is. {@link #name} and {@link #path} keep
 * answering.
 *
 * @param <D> the document type; any type Jackson maps
 */
public interface SharedDocument<D> {

  /** The document's name. */
  String name();

  /** The document's file. */
  Path path();

  /**
   * The stored value, or the default value if none was stored yet.
   *
   * @throws CorruptJsonFileException naming the file if it cannot be read
   * @throws MisuseException if none was stored and the default value supplier returns null, or if
   *     Jackson cannot read {@code D} at all (its module does not open its package to Jackson
   *     databind, or it is a Kotlin class and Jackson 3's Kotlin module is missing)
   */
  D read();

  /**
   * Applies {@code change} to the stored value (or the default) and stores the result, under the
   * document's lock.
   *
   * @return the stored value
   * @throws MisuseException if {@code change} (or, with none stored, the default value supplier)
   *     returns null, or a value Jackson cannot write or whose JSON does not read back as a {@code
   *     D} or is larger than 16 MiB; nothing is written
   * @throws MisuseException if called inside a {@code change} of this same document (through any
   *     handle of it), whose result would overwrite what this update wrote; nothing is written
   * @throws LockTimeoutException if the lock is not free within the store's lock timeout
   * @throws StorageException if the write fails; the old value is intact
   * @throws OutcomeUnknownException if the new value was put in place but could not be made durable
   *     (its directory could not be flushed); read it back before changing it again
   */
  D update(UnaryOperator<D> change);
}
