package dev.burrow.spi;

import dev.burrow.Condition;
import dev.burrow.CorruptInstanceException;
import dev.burrow.IdGenerator;
import dev.burrow.InstanceLock;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Stores the documents of one instance kind: what a place that keeps documents must do so that the
 * typed store above it keeps its guarantees. Opened by a {@link dev.burrow.Backend}.
 *
 * <p>Every method is safe to call from many threads and processes (and, for a shared backend,
 * hosts) at once. IDs are checked once, by the store, before they reach a backend: implementations
 * may rely on every ID passing {@link PathSegments}. Values passed in carry their final version and
 * timestamps; the backend stores them as given.
 *
 * <p>No method trusts its caller to hold a lock: each write excludes the other writers of its
 * instance by itself (a lock the calling thread already holds is reentered).
 *
 * <p>Every write either takes effect or throws; a write that may have taken effect but could not be
 * confirmed (the directory flush after the rename failed, the connection was lost after the commit
 * was sent) throws {@link dev.burrow.OutcomeUnknownException}, never an exception that says it
 * failed: a caller who retried a "failed" write would apply it twice.
 *
 * @param <T> the instance type
 */
public interface StorageBackend<T> extends AutoCloseable {

  /**
   * Stores a new instance and creates its directories; atomic: afterwards the instance exists
   * completely or not at all.
   *
   * @throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed
   */
  void insert(T instance);

  /**
   * The stored instance, or empty if there is none (also when it is deleted while being read).
   *
   * @throws dev.burrow.CorruptInstanceException naming the file or row if it cannot be read
   */
  Optional<T> find(String id);

  /**
   * Read-modify-write, owned by the backend: reads the stored instance, passes it to {@code change}
   * and stores what it returns, with no other write of the instance in between (the filesystem
   * backend holds the instance's lock; a database backend locks the row in one transaction). {@code
   * change} returns the next value, whose version is the stored one plus one. It may run more than
   * once if the backend has to start over, and must have no side effects. Whatever {@code change}
   * throws (an error, or a checked exception thrown from Kotlin, too) is thrown on as it is, with
   * nothing written and the lock released or the transaction rolled back first.
   *
   * @return the stored value
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   * @throws dev.burrow.LockTimeoutException if the instance is locked by someone else for longer
   *     than the store's lock timeout
   */
  T update(String id, UnaryOperator<T> change);

  /**
   * Replaces the stored instance with {@code next} if, and only if, its stored version is {@code
   * expectedVersion}; the check and the write are one atomic step.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   * @throws dev.burrow.VersionConflictException if the stored version differs; nothing is written
   */
  void replace(String id, long expectedVersion, T next);

  /**
   * As {@link #replace}, keeping the stored creation time: stores {@code next} applied to the
   * stored instance's creation time, read in the same atomic step as the version check (under the
   * instance's lock, or in the same statement), so that an instance deleted and created again
   * meanwhile is never given its predecessor's. {@code next} gets null when there is none to keep:
   * the type declares none, the stored document holds none, or (on a backend whose check reads no
   * whole document) the stored document is damaged. It may be applied more than once and must have
   * no side effects. Costs what {@link #replace} costs: no read more.
   *
   * @param next the value to store for a stored creation time (or for none); its version is {@code
   *     expectedVersion} plus one
   * @return the stored value
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   * @throws dev.burrow.VersionConflictException if the stored version differs; nothing is written
   */
  T replaceKeepingCreatedAt(String id, long expectedVersion, Function<@Nullable Instant, T> next);

  /**
   * Deletes the instance and its directories, all or nothing: once this returns, the instance is
   * gone for every reader, even if removing its files is interrupted.
   *
   * @return false if there was no such instance
   */
  boolean delete(String id);

  /**
   * One page of the listing, newest first, with a report for each damaged instance met on it. Costs
   * at most one page of reads however many instances there are, where the backend can order by an
   * index.
   *
   * @throws IllegalArgumentException if the request's cursor is not a cursor of a Burrow listing
   *     (garbage, truncated, or of another format); a cursor of another kind or backend is not
   *     refused and only names a position ({@link PageRequest})
   */
  Page<T> list(PageRequest request);

  /**
   * One page of the instances whose indexed components match every one of {@code conditions} (AND),
   * newest first, in the listing's order and with cursors of the same form as {@link #list}'s.
   * Every instance whose stored document matches throughout the call is on the page it falls on;
   * none is returned twice and none that does not match. Costs about one read per matching
   * document, never a read of every document: the backend keeps an index of each of {@link
   * InstanceSchema#indexes()}, maintained by every write.
   *
   * @param conditions at least one, each on one of the schema's indexed components
   * @throws IllegalArgumentException if the request's cursor is not a cursor of a Burrow listing
   *     (garbage, truncated, or of another format); a cursor of another kind or backend is not
   *     refused and only names a position ({@link PageRequest})
   */
  Page<T> query(List<Condition<T>> conditions, PageRequest request);

  /**
   * The number of instances whose stored documents match every one of {@code conditions}, counted
   * as {@link #query} would return them, or, by a backend whose index holds exactly the stored
   * values, counted in that index alone: then a stored document that matches but does not decode
   * (which {@link #query} reports instead of returning) is counted too, and nothing is read.
   *
   * @param conditions at least one, each on one of the schema's indexed components
   */
  long count(List<Condition<T>> conditions);

  /**
   * Every instance, newest first, read lazily: the iterator hands out the readable ones and passes
   * each damaged one to {@code problems} when it is met. An instance that exists throughout the
   * walk is returned exactly once; one created or deleted meanwhile may or may not be.
   *
   * <p>The default reads {@link #list(PageRequest)} pages of {@code pageSize}, holding one page in
   * memory. A backend that can keep its place between pages more cheaply overrides it, keeping
   * memory bounded by about one page however many instances there are.
   *
   * @param pageSize instances read at a time, 1 to {@link PageRequest#MAX_SIZE}
   */
  default Iterator<T> walk(int pageSize, Consumer<CorruptInstanceException> problems) {
    return new PagedWalk<>(this::list, pageSize, problems);
  }

  /**
   * Takes the instance's exclusive lock, held across threads and processes (and hosts, for a shared
   * backend), reentrant for the holding thread.
   *
   * @throws dev.burrow.LockTimeoutException naming the instance after {@code timeout}
   */
  InstanceLock lock(String id, Duration timeout);

  /**
   * Takes the exclusive locks of all {@code ids} as one, in one global order, so callers locking
   * overlapping sets in any order never deadlock; closing releases them in reverse order.
   *
   * @throws dev.burrow.LockTimeoutException naming the first instance not free within {@code
   *     timeout}; locks taken so far are released
   * @throws dev.burrow.MisuseException if {@code ids} is empty
   */
  InstanceLock lockAll(Collection<String> ids, Duration timeout);

  /**
   * The instance's directory on this host's disk, with its declared subdirectories.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   */
  Path instanceDirectory(String id);

  /**
   * The instance's directory on this host, as {@link #instanceDirectory} hands it out, if this host
   * has it already; empty if not, making nothing: where an export or a copy reads the instance's
   * files, which leave this host's disk as it was. The default calls {@link #instanceDirectory},
   * which is right for a backend that makes every instance's directory when it creates the
   * instance.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   */
  default Optional<Path> existingInstanceDirectory(String id) {
    return Optional.of(instanceDirectory(id));
  }

  /**
   * Confirms, right before an append through an event log or a use of an instance's files taken
   * earlier (the store's {@code events(id)}, {@code files(id)}), that the instance still exists and
   * that this host's directory at {@link #instanceDirectory}'s path is the live instance's, so that
   * the append or write goes into that instance's directory or throws: never into a deleted
   * instance's, to be acknowledged and then lost. The default calls {@link #instanceDirectory},
   * which is right for every backend at its cost on every use (for a database shared by hosts, a
   * round trip). A backend that removes an instance's directory with the instance, on every host
   * that has one, before its delete returns, may override it to do nothing: the append then finds
   * the directory missing and says the instance is gone, and an instance created again has its
   * directory at the same path.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance; nothing is appended
   */
  default void confirmInstanceDirectory(String id) {
    instanceDirectory(id);
  }

  /** The generator {@code create()} uses when the store options name none. */
  IdGenerator idGenerator();

  /** Releases resources; stores on the same root in this JVM stay usable. */
  @Override
  void close();
}
