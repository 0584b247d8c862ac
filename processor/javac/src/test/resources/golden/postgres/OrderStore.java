package test.golden;

import dev.burrow.Backend;
import dev.burrow.Condition;
import dev.burrow.EventLog;
import dev.burrow.ExportSummary;
import dev.burrow.ImportSummary;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceLock;
import dev.burrow.Listing;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.PruneReport;
import dev.burrow.Query;
import dev.burrow.SessionFactory;
import dev.burrow.SharedFiles;
import dev.burrow.StoreOptions;
import dev.burrow.WorkspaceProvisioner;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.codec.BurrowJson;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;
import javax.sql.DataSource;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The typed store of {@link Order} instances (kind {@code orders}): atomic durable writes,
 * no silent overwrite, per-instance locks that hold across threads and processes, and
 * optimistic versions. Thread-safe; any number of stores in any number of processes may
 * share a data root. Open one per data root and keep it; close it when done.
 *
 * <p>Every exception it throws is a {@link dev.burrow.BurrowException}, whose branch says
 * what to do: after a {@link dev.burrow.RetriableException} nothing took effect and the
 * same call may succeed later; a {@link dev.burrow.DamagedDataException} names stored data
 * to repair or remove; after an {@link dev.burrow.OutcomeUnknownException} a write may or
 * may not have taken effect, so read the instance back before writing again; a
 * {@link dev.burrow.MisuseException} is a programmer error that changed nothing.
 *
 * <p>Any method may throw {@link dev.burrow.StorageException} (the disk or database
 * failed; a failed write changed nothing), {@link dev.burrow.BackendUnavailableException}
 * (retriable: the database could not be reached; nothing was sent),
 * {@link dev.burrow.InterruptedOperationException} (the thread was interrupted while it
 * waited; nothing was changed) and {@link dev.burrow.MisuseException} (a call after
 * {@link #close()}). Every method that takes an instance ID throws
 * {@link dev.burrow.InvalidIdException} for one that breaks the ID rules, before anything
 * is touched. On a backend whose locks are leases (a database), a write made under a lock
 * from {@link #lock(String)} whose lease was lost meanwhile throws
 * {@link dev.burrow.LockLostException} and writes nothing. A store made by
 * {@link #withProvisioner} throws {@link dev.burrow.ProvisioningException} from
 * {@code create} and {@code delete} when a hook fails, and
 * {@link dev.burrow.UnsafePathException} from {@code delete}, calling no hook and keeping
 * the instance, when a declared subdirectory is a link or not a directory. Each method
 * lists the exceptions of its own.
 */
@Generated("dev.burrow.processor.InstanceProcessor")
@NullMarked
@SuppressWarnings({"deprecation", "removal"})
public final class OrderStore implements AutoCloseable {
  private final StoreEngine<Order> engine;

  private OrderStore(StoreEngine<Order> engine) {
    this.engine = engine;
  }

  /**
   * Opens the store on this host's disk at the environment variable {@code SHOP_DATA_DIR},
   * else {@code ~/.shop}, with default options (durable writes).
   *
   * @throws dev.burrow.StorageException if the data root cannot be created or written
   * @throws dev.burrow.MisuseException if the data root holds instances of another kind, or
   *     Jackson databind cannot read back a nested type this store holds (its module neither
   *     opens nor exports its package to tools.jackson.databind); nothing is changed
   * @throws dev.burrow.NewerFormatException if the data root is in the layout of a newer
   *     Burrow; nothing is changed
   * @throws dev.burrow.WorkerIdUnavailableException if no Snowflake worker number can be
   *     leased now (a live holder has every one)
   * @throws dev.burrow.ClockMovedBackwardsException if the clock is further behind the
   *     leased worker number's last IDs than the start-up wait allows
   * @throws dev.burrow.MisuseException if the clock is before 2024 or past 2093, outside the
   *     range of Snowflake IDs
   */
  public static OrderStore open() {
    return open(StoreOptions.defaults());
  }

  /**
   * Opens the store on this host's disk at {@code dataRoot}, with default options (durable
   * writes).
   *
   * @throws dev.burrow.StorageException if the data root cannot be created or written
   * @throws dev.burrow.MisuseException if the data root holds instances of another kind, or
   *     Jackson databind cannot read back a nested type this store holds (its module neither
   *     opens nor exports its package to tools.jackson.databind); nothing is changed
   * @throws dev.burrow.NewerFormatException if the data root is in the layout of a newer
   *     Burrow; nothing is changed
   * @throws dev.burrow.WorkerIdUnavailableException if no Snowflake worker number can be
   *     leased now (a live holder has every one)
   * @throws dev.burrow.ClockMovedBackwardsException if the clock is further behind the
   *     leased worker number's last IDs than the start-up wait allows
   * @throws dev.burrow.MisuseException if the clock is before 2024 or past 2093, outside the
   *     range of Snowflake IDs
   */
  public static OrderStore open(Path dataRoot) {
    return open(StoreOptions.defaults().withDataRoot(dataRoot));
  }

  /**
   * Opens the store on this host's disk with {@code options}: at their data root, else at
   * the environment variable {@code SHOP_DATA_DIR}, else {@code ~/.shop}.
   *
   * @throws dev.burrow.StorageException if the data root cannot be created or written
   * @throws dev.burrow.MisuseException if the data root holds instances of another kind, or
   *     Jackson databind cannot read back a nested type this store holds (its module neither
   *     opens nor exports its package to tools.jackson.databind); nothing is changed
   * @throws dev.burrow.NewerFormatException if the data root is in the layout of a newer
   *     Burrow; nothing is changed
   * @throws dev.burrow.WorkerIdUnavailableException if no Snowflake worker number can be
   *     leased now (a live holder has every one)
   * @throws dev.burrow.ClockMovedBackwardsException if the clock is further behind the
   *     leased worker number's last IDs than the start-up wait allows
   * @throws dev.burrow.MisuseException if the clock is before 2024 or past 2093, outside the
   *     range of Snowflake IDs
   */
  public static OrderStore open(StoreOptions options) {
    BurrowJson.requireReadable(Order.Item.class);
    return new OrderStore(StoreEngine.open(OrderSchema.INSTANCE, options));
  }

  /**
   * Opens the store on {@code backend}, which keeps the documents and locks (shared by
   * several hosts where the backend is), with {@code options}. Instance directories, event
   * logs and shared files stay on this host's disk, at the options' data root, else at the
   * environment variable {@code SHOP_DATA_DIR}, else {@code ~/.shop}.
   *
   * @throws dev.burrow.StorageException if the backend cannot be opened
   * @throws dev.burrow.MisuseException if {@code backend} does not implement the SPI every
   *     backend implements ({@code dev.burrow.spi.StorageBackendFactory}), or the backend
   *     refuses the store (data of another kind, or a connection setting it cannot work
   *     with), or Jackson databind cannot read back a nested type this store holds (its
   *     module neither opens nor exports its package to tools.jackson.databind); nothing is
   *     changed
   * @throws dev.burrow.NewerFormatException if the backend's data is in the format of a
   *     newer Burrow; nothing is changed
   */
  public static OrderStore open(Backend backend, StoreOptions options) {
    BurrowJson.requireReadable(Order.Item.class);
    return new OrderStore(StoreEngine.open(OrderSchema.INSTANCE, backend, options));
  }

  /**
   * Opens the store on PostgreSQL through {@code dataSource}, shared by every host that uses
   * the database and table prefix; Burrow creates and upgrades its tables. Instance
   * directories stay on this host's disk, at the environment variable {@code SHOP_DATA_DIR},
   * else {@code ~/.shop}, with default options. The same as
   * {@code open(PostgresBackend.of(dataSource), StoreOptions.defaults())}.
   *
   * @throws dev.burrow.BackendUnavailableException if the database cannot be reached
   * @throws dev.burrow.StorageException if Burrow's tables cannot be created or read
   * @throws dev.burrow.MisuseException if the data source hands out connections with
   *     auto-commit off, or the database's encoding is not UTF-8, or the local data root
   *     serves other tables or another kind, or is a filesystem store's, or Jackson databind
   *     cannot read back a nested type this store holds (its module neither opens nor
   *     exports its package to tools.jackson.databind); nothing is changed
   * @throws dev.burrow.NewerFormatException if Burrow's tables are at the schema version of
   *     a newer Burrow; nothing is changed
   */
  public static OrderStore open(DataSource dataSource) {
    return open(dataSource, StoreOptions.defaults());
  }

  /**
   * Opens the store on PostgreSQL through {@code dataSource}, shared by every host that uses
   * the database and table prefix; Burrow creates and upgrades its tables. Instance
   * directories stay on this host's disk, at the options' data root, else at the environment
   * variable {@code SHOP_DATA_DIR}, else {@code ~/.shop}. The same as
   * {@code open(PostgresBackend.of(dataSource), options)}.
   *
   * @throws dev.burrow.BackendUnavailableException if the database cannot be reached
   * @throws dev.burrow.StorageException if Burrow's tables cannot be created or read
   * @throws dev.burrow.MisuseException if the data source hands out connections with
   *     auto-commit off, or the database's encoding is not UTF-8, or the local data root
   *     serves other tables or another kind, or is a filesystem store's, or Jackson databind
   *     cannot read back a nested type this store holds (its module neither opens nor
   *     exports its package to tools.jackson.databind); nothing is changed
   * @throws dev.burrow.NewerFormatException if Burrow's tables are at the schema version of
   *     a newer Burrow; nothing is changed
   */
  public static OrderStore open(DataSource dataSource, StoreOptions options) {
    return open(PostgresBackend.of(dataSource), options);
  }

  /**
   * Opens the store on PostgreSQL through {@code dataSource}, shared by every host that uses
   * the database and table prefix; Burrow creates and upgrades its tables. Instance
   * directories stay on this host's disk, at the options' data root, else at the environment
   * variable {@code SHOP_DATA_DIR}, else {@code ~/.shop}; {@code postgres} chooses the table
   * prefix and lease duration. The same as
   * {@code open(PostgresBackend.of(dataSource, postgres), options)}.
   *
   * @throws dev.burrow.BackendUnavailableException if the database cannot be reached
   * @throws dev.burrow.StorageException if Burrow's tables cannot be created or read
   * @throws dev.burrow.MisuseException if the data source hands out connections with
   *     auto-commit off, or the database's encoding is not UTF-8, or the local data root
   *     serves other tables or another kind, or is a filesystem store's, or Jackson databind
   *     cannot read back a nested type this store holds (its module neither opens nor
   *     exports its package to tools.jackson.databind); nothing is changed
   * @throws dev.burrow.NewerFormatException if Burrow's tables are at the schema version of
   *     a newer Burrow; nothing is changed
   */
  public static OrderStore open(DataSource dataSource, StoreOptions options,
      PostgresOptions postgres) {
    return open(PostgresBackend.of(dataSource, postgres), options);
  }

  /**
   * This store with {@code provisioner} preparing the workspace of every instance it creates
   * and tearing it down before each delete; see {@link WorkspaceProvisioner} for the
   * guarantees. Both stores share what is open underneath (closing one closes both); this
   * one is unchanged. Cheap: opens nothing.
   */
  public OrderStore withProvisioner(WorkspaceProvisioner<Order> provisioner) {
    return new OrderStore(engine.withProvisioner(provisioner));
  }

  /**
   * This store (opened on PostgreSQL) with its reads and writes run in your open transaction
   * on {@code connection}: they take effect when you commit it, and your rollback undoes
   * them. Burrow never commits, rolls back or switches auto-commit on {@code connection}; an
   * {@code update} runs inside a savepoint it releases. Locks stay leases that every host
   * sees at once. Use the result on the connection's thread only, until the transaction
   * ends; closing it closes nothing. Cheap: opens nothing; one query on {@code connection}
   * checks that it reaches this store's database and schema. See {@code docs/postgresql.md}
   * for what each mode guarantees.
   *
   * @throws dev.burrow.MisuseException if this store was not opened on PostgreSQL, or
   *     {@code connection} works in another database or schema than this store's tables;
   *     every call on the result throws it if {@code connection} is in auto-commit mode, or
   *     once this store is closed
   * @throws dev.burrow.BurrowException if that query fails, as each statement Burrow runs in
   *     your transaction says (see {@code docs/postgresql.md})
   */
  public OrderStore inTransaction(Connection connection) {
    return new OrderStore(PostgresBackend.inTransaction(engine, connection));
  }

  /**
   * Creates an instance with a new unique, time-ordered ID (from the options' ID generator,
   * else the kind's, without coordination) with fresh defaults, stored as version 1 in one
   * atomic durable write.
   *
   * @throws dev.burrow.MisuseException if the clock is past 2093, where Snowflake IDs run
   *     out, or, on PostgreSQL, if this create must lease a worker number (the store's first
   *     does), before 2024; nothing is written
   * @throws dev.burrow.WorkerIdUnavailableException on PostgreSQL, if this create must lease
   *     a worker number and a live holder has every one; nothing is written
   * @throws dev.burrow.ClockMovedBackwardsException on PostgreSQL, if this create must lease
   *     a worker number and the clock is further behind the number's last IDs than the
   *     start-up wait allows; nothing is written
   * @throws dev.burrow.OutcomeUnknownException if the write was made but could not be
   *     confirmed durable (a failed directory flush, a connection lost after the commit);
   *     read the instance back before writing again
   */
  public Order create() {
    return engine.create(UnaryOperator.identity());
  }

  /**
   * Creates an instance with a new unique, time-ordered ID (from the options' ID generator,
   * else the kind's, without coordination) whose fresh defaults are first edited by
   * {@code initial}; the result is stored as version 1 in one atomic durable write, so no
   * reader ever sees it without its initial values. {@code initial} runs once, before
   * anything is written; if it throws, nothing is created.
   *
   * @throws dev.burrow.MisuseException if {@code initial} sets a non-null component to null
   *     or puts null into a list, set or map, or the result could not be read back or is
   *     more than 16 MiB of JSON; nothing is written
   * @throws dev.burrow.MisuseException if the clock is past 2093, where Snowflake IDs run
   *     out, or, on PostgreSQL, if this create must lease a worker number (the store's first
   *     does), before 2024; nothing is written
   * @throws dev.burrow.WorkerIdUnavailableException on PostgreSQL, if this create must lease
   *     a worker number and a live holder has every one; nothing is written
   * @throws dev.burrow.ClockMovedBackwardsException on PostgreSQL, if this create must lease
   *     a worker number and the clock is further behind the number's last IDs than the
   *     start-up wait allows; nothing is written
   * @throws dev.burrow.OutcomeUnknownException if the write was made but could not be
   *     confirmed durable (a failed directory flush, a connection lost after the commit);
   *     read the instance back before writing again
   */
  public Order create(Consumer<OrderChanges> initial) {
    return engine.create(applying(initial, "initial"));
  }

  /**
   * Creates the instance {@code id} with fresh defaults, stored as version 1 in one atomic
   * durable write.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed
   * @throws dev.burrow.LockTimeoutException if the instance's lock is held elsewhere past
   *     the options' lock timeout; nothing is written
   * @throws dev.burrow.OutcomeUnknownException if the write was made but could not be
   *     confirmed durable (a failed directory flush, a connection lost after the commit);
   *     read the instance back before writing again
   */
  public Order create(String id) {
    return engine.create(id, UnaryOperator.identity());
  }

  /**
   * Creates the instance {@code id} whose fresh defaults are first edited by
   * {@code initial}; the result is stored as version 1 in one atomic durable write, so no
   * reader ever sees it without its initial values. {@code initial} runs once, before
   * anything is written; if it throws, nothing is created.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed
   * @throws dev.burrow.LockTimeoutException if the instance's lock is held elsewhere past
   *     the options' lock timeout; nothing is written
   * @throws dev.burrow.MisuseException if {@code initial} sets a non-null component to null
   *     or puts null into a list, set or map, or the result could not be read back or is
   *     more than 16 MiB of JSON; nothing is written
   * @throws dev.burrow.OutcomeUnknownException if the write was made but could not be
   *     confirmed durable (a failed directory flush, a connection lost after the commit);
   *     read the instance back before writing again
   */
  public Order create(String id, Consumer<OrderChanges> initial) {
    return engine.create(id, applying(initial, "initial"));
  }

  /**
   * The stored instance. One read, no lock: sees the last complete write.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   * @throws dev.burrow.CorruptInstanceException naming the file if it cannot be read
   */
  public Order get(String id) {
    return engine.get(id);
  }

  /**
   * The stored instance, or empty. One read, no lock: sees the last complete write.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.CorruptInstanceException naming the file if it cannot be read
   */
  public Optional<Order> find(String id) {
    return engine.find(id);
  }

  /**
   * Reads the instance, applies {@code change} to typed changes of it and stores the result
   * as the next version, with no other write of the instance in between (its lock on the
   * filesystem, a row lock in a database), so no concurrent update is lost. At most one read
   * and one atomic write, after waiting for the lock; on a database, a store that created or
   * wrote the instance last, with no write since, writes it in one statement without reading
   * it first. {@code change} may run more than once; keep it free of side effects. What it
   * throws reaches the caller as it is, with nothing written and no lock left held. It must
   * not write the instance it changes, through this store or another on its root: such a
   * write throws {@link dev.burrow.MisuseException} and writes nothing.
   *
   * @return the stored value
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   * @throws dev.burrow.CorruptInstanceException naming the file if it cannot be read
   * @throws dev.burrow.LockTimeoutException if the instance's lock is held elsewhere past
   *     the options' lock timeout; nothing is written
   * @throws dev.burrow.MisuseException if {@code change} sets a non-null component to null
   *     or puts null into a list, set or map, or the result could not be read back or is
   *     more than 16 MiB of JSON; nothing is written
   * @throws dev.burrow.MisuseException if the stored version is {@code Long.MAX_VALUE - 1},
   *     the highest a stored instance can have: its versions are used up and it can never be
   *     written again; nothing is written
   * @throws dev.burrow.OutcomeUnknownException if the write was made but could not be
   *     confirmed durable (a failed directory flush, a connection lost after the commit);
   *     read the instance back before writing again
   */
  public Order update(String id, Consumer<OrderChanges> change) {
    return engine.update(id, applying(change, "change"));
  }

  /**
   * Like {@link #update}, without a lock: reads the instance, applies {@code change} and
   * stores the result only if no other write came in between (compare-and-set on the
   * version); after a conflict it reads again and retries as the options' retry policy says.
   * Cheaper than {@code update} when writers rarely meet; under contention every lost race
   * costs a read and a try. {@code change} may run more than once; keep it free of side
   * effects. What it throws reaches the caller as it is, with nothing written and no lock
   * left held. It must not write the instance it changes, through this store or another on
   * its root: such a write throws {@link dev.burrow.MisuseException} and writes nothing.
   *
   * @return the stored value
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   * @throws dev.burrow.CorruptInstanceException naming the file if it cannot be read
   * @throws dev.burrow.VersionConflictException once the retry policy is exhausted; the last
   *     attempt wrote nothing
   * @throws dev.burrow.LockTimeoutException if the instance's lock is held elsewhere past
   *     the options' lock timeout; nothing is written (a file system store holds it for the
   *     compare-and-set)
   * @throws dev.burrow.MisuseException if {@code change} sets a non-null component to null
   *     or puts null into a list, set or map, or the result could not be read back or is
   *     more than 16 MiB of JSON; nothing is written
   * @throws dev.burrow.MisuseException if the stored version is {@code Long.MAX_VALUE - 1},
   *     the highest a stored instance can have: its versions are used up and it can never be
   *     written again; nothing is written
   * @throws dev.burrow.OutcomeUnknownException if the write was made but could not be
   *     confirmed durable (a failed directory flush, a connection lost after the commit);
   *     read the instance back before writing again
   */
  public Order updateOptimistic(String id, Consumer<OrderChanges> change) {
    return engine.updateOptimistic(id, applying(change, "change"));
  }

  /**
   * Stores {@code value} as the next version if the stored version is still {@code value}'s
   * own, in one atomic step, without retrying. Build {@code value} from the stored one with
   * {@code OrderChanges.of(current)...build()}, which keeps its ID and version. The stored
   * {@code @CreatedAt}, if the type declares one, is kept whatever {@code value} says, read
   * in the same atomic step (no read more).
   *
   * @return the stored value, one version after {@code value}'s
   * @throws dev.burrow.VersionConflictException if the stored version differs; nothing is
   *     written
   * @throws dev.burrow.InvalidIdException if {@code value}'s ID breaks a rule; nothing is
   *     touched
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   * @throws dev.burrow.CorruptInstanceException naming the file if it cannot be read
   * @throws dev.burrow.LockTimeoutException if the instance's lock is held elsewhere past
   *     the options' lock timeout; nothing is written (a file system store holds it for the
   *     compare-and-set)
   * @throws dev.burrow.MisuseException if {@code value}'s version is negative or past
   *     {@code Long.MAX_VALUE - 1}, the highest a stored instance can have, or the stored
   *     version is that highest one: its versions are used up and it can never be written
   *     again; nothing is written
   * @throws dev.burrow.MisuseException if the value could not be read back once written (a
   *     nested type Jackson writes but cannot read) or is more than 16 MiB of JSON; nothing
   *     is written
   * @throws dev.burrow.OutcomeUnknownException if the write was made but could not be
   *     confirmed durable (a failed directory flush, a connection lost after the commit);
   *     read the instance back before writing again
   */
  public Order compareAndSet(Order value) {
    return engine.compareAndSet(value);
  }

  /**
   * Deletes the instance and its directory, all or nothing: once this returns, no reader
   * finds it, even if removing its files is interrupted. A damaged instance is deleted like
   * any other.
   *
   * @return false if there was no such instance
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.LockTimeoutException if the instance's lock is held elsewhere past
   *     the options' lock timeout; nothing is written
   * @throws dev.burrow.OutcomeUnknownException if the write was made but could not be
   *     confirmed durable (a failed directory flush, a connection lost after the commit);
   *     read the instance back before writing again
   */
  public boolean delete(String id) {
    return engine.delete(id);
  }

  /**
   * Takes the instance's exclusive lock, waiting at most the options' lock timeout. Held
   * across threads and processes (and hosts, on a shared backend) until {@code close()},
   * best called by try-with-resources; reentrant for the holding thread, whose own writes do
   * not wait for it.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.LockTimeoutException if it is not free in time
   */
  public InstanceLock lock(String id) {
    return engine.lock(id, engine.options().lockTimeout());
  }

  /**
   * Takes the instance's exclusive lock, waiting at most {@code timeout}. Held across
   * threads and processes (and hosts, on a shared backend) until {@code close()}, best
   * called by try-with-resources; reentrant for the holding thread, whose own writes do not
   * wait for it.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.LockTimeoutException if it is not free in time
   * @throws IllegalArgumentException if {@code timeout} is negative; no lock is taken
   */
  public InstanceLock lock(String id, Duration timeout) {
    return engine.lock(id, timeout);
  }

  /**
   * Takes the locks of all {@code ids} as one, in one global order, so callers locking
   * overlapping sets in any order never deadlock; closing releases them all. Waits at most
   * the options' lock timeout. Held across threads and processes (and hosts, on a shared
   * backend) until {@code close()}, best called by try-with-resources; reentrant for the
   * holding thread, whose own writes do not wait for it.
   *
   * @throws dev.burrow.InvalidIdException if one of {@code ids} breaks a rule; no lock is
   *     taken
   * @throws dev.burrow.LockTimeoutException naming the first instance not free in time;
   *     locks taken so far are released
   * @throws dev.burrow.MisuseException if {@code ids} is empty
   */
  public InstanceLock lockAll(Collection<String> ids) {
    return engine.lockAll(ids, engine.options().lockTimeout());
  }

  /**
   * Takes the locks of all {@code ids} as one, in one global order, so callers locking
   * overlapping sets in any order never deadlock; closing releases them all. Waits at most
   * {@code timeout}. Held across threads and processes (and hosts, on a shared backend)
   * until {@code close()}, best called by try-with-resources; reentrant for the holding
   * thread, whose own writes do not wait for it.
   *
   * @throws dev.burrow.InvalidIdException if one of {@code ids} breaks a rule; no lock is
   *     taken
   * @throws dev.burrow.LockTimeoutException naming the first instance not free in time;
   *     locks taken so far are released
   * @throws dev.burrow.MisuseException if {@code ids} is empty
   * @throws IllegalArgumentException if {@code timeout} is negative; no lock is taken
   */
  public InstanceLock lockAll(Collection<String> ids, Duration timeout) {
    return engine.lockAll(ids, timeout);
  }

  /**
   * Every readable instance, newest first, all in memory; a damaged document is skipped and
   * reported to the options' corruption listener (see {@link #scan()}). One read per
   * instance; for many instances prefer {@link #list(PageRequest)} or {@link #stream()}.
   */
  public List<Order> list() {
    return engine.list();
  }

  /**
   * One page of instances, newest first, with a report for each damaged one on it; pass
   * {@link Page#next()} back for the following page. At most one page of reads, however many
   * instances there are, where the backend keeps an index.
   *
   * @throws IllegalArgumentException if the request's cursor is not a cursor of a Burrow
   *     listing (garbage, truncated, or of another format); a cursor of another kind or
   *     backend is not refused and only names a position
   */
  public Page<Order> list(PageRequest request) {
    return engine.list(request);
  }

  /**
   * Every readable instance, newest first, read lazily one page at a time; a damaged
   * document is skipped and reported to the options' corruption listener when it is met.
   * Holds one page in memory and nothing else: no file, database connection or lock is held
   * between pages, so a stream left unfinished or unclosed holds nothing.
   */
  public Stream<Order> stream() {
    return engine.stream();
  }

  /**
   * Every readable instance, newest first, with a report for each damaged one and for each
   * stray entry that is no instance, all in memory. One read per instance.
   */
  public Listing<Order> scan() {
    return engine.scan();
  }

  /**
   * The instances whose indexed component matches {@code condition}, made from a constant of
   * {@link OrderIndex}; add conditions with {@link Query#and} (all must match), then read a
   * page, a stream or a count, newest first:
   * {@code where(OrderIndex.A.equalTo(a)).and(OrderIndex.B.equalTo(b)).list(PageRequest.first(50))}.
   * Every instance whose stored document matches while the query runs is returned, none
   * twice, none that does not match; only the documents the indexes name are read. Cheap:
   * reads nothing until the query runs.
   *
   * @throws dev.burrow.MisuseException if the condition's component is not one of this
   *     store's indexes (a field made by hand rather than a constant of {@link OrderIndex})
   */
  public Query<Order> where(Condition<Order> condition) {
    return engine.where(condition);
  }

  /**
   * One page of the instances whose {@code state} is {@code state}, newest first, with a
   * report for each damaged one on it; pass {@link Page#next()} back for the following page,
   * as with {@link #list(PageRequest)}. Every instance whose stored document matches while
   * the call runs is included, none twice, none that does not match. Reads only the matching
   * documents, through the index of {@code state}.
   *
   * @throws IllegalArgumentException if the request's cursor is not a cursor of a Burrow
   *     listing (garbage, truncated, or of another format); a cursor of another kind or
   *     backend is not refused and only names a position
   */
  public Page<Order> findByState(Order.State state, PageRequest request) {
    Objects.requireNonNull(state, "state");
    return engine.where(OrderIndex.STATE.equalTo(state)).list(request);
  }

  /**
   * Every one of the instances whose {@code state} is {@code state}, newest first, read
   * lazily one page at a time; a damaged document is skipped and reported to the options'
   * corruption listener. Every instance whose stored document matches while the call runs is
   * included, none twice, none that does not match. Reads only the matching documents,
   * through the index of {@code state}.
   */
  public Stream<Order> streamByState(Order.State state) {
    Objects.requireNonNull(state, "state");
    return engine.where(OrderIndex.STATE.equalTo(state)).stream();
  }

  /**
   * The number of instances whose {@code state} is {@code state}, counted through the index
   * of {@code state} (on the filesystem, each matching document is read to verify it).
   */
  public long countByState(Order.State state) {
    Objects.requireNonNull(state, "state");
    return engine.where(OrderIndex.STATE.equalTo(state)).count();
  }

  /**
   * One page of the instances whose {@code customerId} is {@code customerId}, newest first,
   * with a report for each damaged one on it; pass {@link Page#next()} back for the
   * following page, as with {@link #list(PageRequest)}. Every instance whose stored document
   * matches while the call runs is included, none twice, none that does not match. Reads
   * only the matching documents, through the index of {@code customerId}.
   *
   * @throws IllegalArgumentException if the request's cursor is not a cursor of a Burrow
   *     listing (garbage, truncated, or of another format); a cursor of another kind or
   *     backend is not refused and only names a position
   */
  public Page<Order> findByCustomerId(long customerId, PageRequest request) {
    return engine.where(OrderIndex.CUSTOMER_ID.equalTo(customerId)).list(request);
  }

  /**
   * Every one of the instances whose {@code customerId} is {@code customerId}, newest first,
   * read lazily one page at a time; a damaged document is skipped and reported to the
   * options' corruption listener. Every instance whose stored document matches while the
   * call runs is included, none twice, none that does not match. Reads only the matching
   * documents, through the index of {@code customerId}.
   */
  public Stream<Order> streamByCustomerId(long customerId) {
    return engine.where(OrderIndex.CUSTOMER_ID.equalTo(customerId)).stream();
  }

  /**
   * The number of instances whose {@code customerId} is {@code customerId}, counted through
   * the index of {@code customerId} (on the filesystem, each matching document is read to
   * verify it).
   */
  public long countByCustomerId(long customerId) {
    return engine.where(OrderIndex.CUSTOMER_ID.equalTo(customerId)).count();
  }

  /**
   * One page of the instances whose {@code note} is {@code note} (null: those without one),
   * newest first, with a report for each damaged one on it; pass {@link Page#next()} back
   * for the following page, as with {@link #list(PageRequest)}. Every instance whose stored
   * document matches while the call runs is included, none twice, none that does not match.
   * Reads only the matching documents, through the index of {@code note}.
   *
   * @throws IllegalArgumentException if the request's cursor is not a cursor of a Burrow
   *     listing (garbage, truncated, or of another format); a cursor of another kind or
   *     backend is not refused and only names a position
   */
  public Page<Order> findByNote(@Nullable String note, PageRequest request) {
    return engine.where(OrderIndex.NOTE.equalTo(note)).list(request);
  }

  /**
   * Every one of the instances whose {@code note} is {@code note} (null: those without one),
   * newest first, read lazily one page at a time; a damaged document is skipped and reported
   * to the options' corruption listener. Every instance whose stored document matches while
   * the call runs is included, none twice, none that does not match. Reads only the matching
   * documents, through the index of {@code note}.
   */
  public Stream<Order> streamByNote(@Nullable String note) {
    return engine.where(OrderIndex.NOTE.equalTo(note)).stream();
  }

  /**
   * The number of instances whose {@code note} is {@code note} (null: those without one),
   * counted through the index of {@code note} (on the filesystem, each matching document is
   * read to verify it).
   */
  public long countByNote(@Nullable String note) {
    return engine.where(OrderIndex.NOTE.equalTo(note)).count();
  }

  /**
   * Deletes every instance {@code which} chooses. Each is deleted as {@link #delete} does
   * it, under its lock, and only if it is still chosen once the lock is held, so one changed
   * meanwhile so that it no longer qualifies is kept; one whose lock stays held past the
   * lock timeout is kept and counted in the report, damaged ones are kept, counted and
   * handed to the options' corruption listener, and one whose delete fails is counted with
   * the exception that says what happened to it: one instance that cannot be deleted never
   * stops the prune. Walks the instances lazily, holding about one page in memory however
   * many there are; the report names only the first {@link PruneReport#MAX_EXAMPLES} kept of
   * each kind. Cost: one read per instance and one delete per chosen one. An exception
   * thrown by {@code which} ends the prune and reaches the caller as it is, without a
   * report; what was deleted before it stays deleted, and no lock stays held.
   *
   * @return what was read and deleted, and what was kept and why
   * @throws dev.burrow.PruneStoppedException if the instances cannot be listed, the backend
   *     cannot be reached, the thread is interrupted or the store is closed meanwhile; it
   *     carries the report so far, and the instances deleted before it stay deleted
   */
  public PruneReport prune(Predicate<? super Order> which) {
    return engine.prune(which, instance -> {});
  }

  /**
   * Deletes every instance {@code which} chooses, telling {@code deleted} of each. Each is
   * deleted as {@link #delete} does it, under its lock, and only if it is still chosen once
   * the lock is held, so one changed meanwhile so that it no longer qualifies is kept; one
   * whose lock stays held past the lock timeout is kept and counted in the report, damaged
   * ones are kept, counted and handed to the options' corruption listener, and one whose
   * delete fails is counted with the exception that says what happened to it: one instance
   * that cannot be deleted never stops the prune. Walks the instances lazily, holding about
   * one page in memory however many there are; the report names only the first
   * {@link PruneReport#MAX_EXAMPLES} kept of each kind. Cost: one read per instance and one
   * delete per chosen one. An exception thrown by {@code which} ends the prune and reaches
   * the caller as it is, without a report; what was deleted before it stays deleted, and no
   * lock stays held.
   *
   * @param deleted told of each instance as it is deleted; an exception it throws ends the
   *     prune and reaches the caller as it is, without a report
   * @return what was read and deleted, and what was kept and why
   * @throws dev.burrow.PruneStoppedException if the instances cannot be listed, the backend
   *     cannot be reached, the thread is interrupted or the store is closed meanwhile; it
   *     carries the report so far, and the instances deleted before it stay deleted
   */
  public PruneReport prune(Predicate<? super Order> which, Consumer<? super Order> deleted) {
    return engine.prune(which, deleted);
  }

  /**
   * Deletes every instance created more than {@code age} ago by the options' clock (its
   * {@code @CreatedAt} before now minus {@code age}); an age reaching back before
   * {@link java.time.Instant#MIN} deletes nothing, since nothing can have been created
   * before it. Each is deleted as {@link #delete} does it, under its lock, and only if it is
   * still chosen once the lock is held, so one changed meanwhile so that it no longer
   * qualifies is kept; one whose lock stays held past the lock timeout is kept and counted
   * in the report, damaged ones are kept, counted and handed to the options' corruption
   * listener, and one whose delete fails is counted with the exception that says what
   * happened to it: one instance that cannot be deleted never stops the prune. Walks the
   * instances lazily, holding about one page in memory however many there are; the report
   * names only the first {@link PruneReport#MAX_EXAMPLES} kept of each kind. Cost: one read
   * per instance and one delete per chosen one.
   *
   * @return what was read and deleted, and what was kept and why
   * @throws dev.burrow.PruneStoppedException if the instances cannot be listed, the backend
   *     cannot be reached, the thread is interrupted or the store is closed meanwhile; it
   *     carries the report so far, and the instances deleted before it stay deleted
   * @throws IllegalArgumentException if {@code age} is negative
   */
  public PruneReport deleteOlderThan(Duration age) {
    return engine.deleteOlderThan(age, instance -> {});
  }

  /**
   * Deletes every instance created more than {@code age} ago by the options' clock (its
   * {@code @CreatedAt} before now minus {@code age}); an age reaching back before
   * {@link java.time.Instant#MIN} deletes nothing, since nothing can have been created
   * before it. Each is deleted as {@link #delete} does it, under its lock, and only if it is
   * still chosen once the lock is held, so one changed meanwhile so that it no longer
   * qualifies is kept; one whose lock stays held past the lock timeout is kept and counted
   * in the report, damaged ones are kept, counted and handed to the options' corruption
   * listener, and one whose delete fails is counted with the exception that says what
   * happened to it: one instance that cannot be deleted never stops the prune. Walks the
   * instances lazily, holding about one page in memory however many there are; the report
   * names only the first {@link PruneReport#MAX_EXAMPLES} kept of each kind. Cost: one read
   * per instance and one delete per chosen one.
   *
   * @param deleted told of each instance as it is deleted; an exception it throws ends the
   *     prune and reaches the caller as it is, without a report
   * @return what was read and deleted, and what was kept and why
   * @throws dev.burrow.PruneStoppedException if the instances cannot be listed, the backend
   *     cannot be reached, the thread is interrupted or the store is closed meanwhile; it
   *     carries the report so far, and the instances deleted before it stay deleted
   * @throws IllegalArgumentException if {@code age} is negative
   */
  public PruneReport deleteOlderThan(Duration age, Consumer<? super Order> deleted) {
    return engine.deleteOlderThan(age, deleted);
  }

  /**
   * The instance's directory on this host, with one accessor per declared subdirectory.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   */
  public OrderDirs dirs(String id) {
    return new OrderDirs(engine.dirs(id));
  }

  /**
   * The instance's append-only log of events of type {@code type}, on this host's disk; see
   * {@link EventLog} for the guarantees. Cheap: one look-up of the instance (on a database,
   * one query), and its {@code events/} directory made if missing (flushed under
   * {@code Durability.FSYNC}); the log itself is neither read nor written until the first
   * append or read.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   */
  public <E> EventLog<E> events(String id, Class<E> type) {
    return engine.events(id, type);
  }

  /**
   * The instance's files, addressed by paths relative to its directory on this host; see
   * {@link InstanceFiles} for the guarantees.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   */
  public InstanceFiles files(String id) {
    return engine.files(id);
  }

  /**
   * The files shared by every instance and process on this host's data root; see
   * {@link SharedFiles} for the guarantees.
   */
  public SharedFiles shared() {
    return engine.shared();
  }

  /**
   * Prepare once, create many: a factory that runs {@code preparation} once, on first need
   * and thread-safely, and hands out cheap sessions of this store's instances that share its
   * result; see {@link SessionFactory} for the guarantees. Cheap: prepares nothing yet.
   */
  public <P> SessionFactory<Order, P> sessions(Supplier<P> preparation) {
    return engine.sessions(preparation);
  }

  /**
   * The options this store was opened with.
   */
  public StoreOptions options() {
    return engine.options();
  }

  /**
   * Writes every readable instance to {@code documents} as JSON Lines: a header line naming
   * the kind and its managed fields, one line per instance (newest first) with its ID,
   * version, timestamps and document, and a closing line with the count. Streams one page at
   * a time; a damaged instance is left out and reported to the options' corruption listener.
   * The streams are flushed, not closed.
   */
  public ExportSummary exportTo(OutputStream documents) {
    return engine.exportTo(documents, null);
  }

  /**
   * Writes every readable instance to {@code documents} as JSON Lines: a header line naming
   * the kind and its managed fields, one line per instance (newest first) with its ID,
   * version, timestamps and document, and a closing line with the count. Streams one page at
   * a time; a damaged instance is left out and reported to the options' corruption listener.
   * The streams are flushed, not closed. The files of the instances' directories on this
   * host go to {@code directories} as a tar stream, named {@code <id>/<path>}: regular files
   * only; links (never followed), FIFOs, sockets and devices are counted in the summary's
   * {@code skipped}.
   */
  public ExportSummary exportTo(OutputStream documents, OutputStream directories) {
    return engine.exportTo(documents, directories);
  }

  /**
   * Reads an export of this kind into this store, on any backend: a missing instance is
   * created with the export's ID, version and timestamps, an older one replaced, one with
   * the same or a newer version left alone. Idempotent and resumable: run again after a
   * crash, it creates nothing twice and overwrites nothing newer. The summary's
   * {@code damaged} counts the instances this store lacks for damage: those the export's
   * closing line says it left out, and each one this store holds damaged, whose document is
   * not written over (also counted in {@code skipped}). The streams are read to their end,
   * not closed.
   *
   * @throws dev.burrow.CorruptExportException at a damaged line (also one whose document is
   *     not a valid Order), an export of another kind, or an export cut short; what came
   *     before it is imported
   */
  public ImportSummary importFrom(InputStream documents) {
    return engine.importFrom(documents, null);
  }

  /**
   * Reads an export of this kind into this store, on any backend: a missing instance is
   * created with the export's ID, version and timestamps, an older one replaced, one with
   * the same or a newer version left alone. Idempotent and resumable: run again after a
   * crash, it creates nothing twice and overwrites nothing newer. The summary's
   * {@code damaged} counts the instances this store lacks for damage: those the export's
   * closing line says it left out, and each one this store holds damaged, whose document is
   * not written over (also counted in {@code skipped}). The streams are read to their end,
   * not closed.
   *
   * <p>Then writes the files of {@code directories} (a tar stream made by {@code exportTo})
   * into the instances' directories on this host, where no file at least as new is there.
   *
   * @throws dev.burrow.CorruptExportException at a damaged line (also one whose document is
   *     not a valid Order), an export of another kind, or an export cut short; what came
   *     before it is imported
   */
  public ImportSummary importFrom(InputStream documents, InputStream directories) {
    return engine.importFrom(documents, directories);
  }

  /**
   * Migration: copies every readable instance of this store into {@code target} (a store of
   * the same kind, typically on another backend, such as a data root moving to a database),
   * keeping IDs, versions and timestamps, with the regular files of their directories where
   * the target keeps them elsewhere (links, never followed, FIFOs, sockets and devices are
   * counted in the summary's {@code skipped}). As idempotent and resumable as
   * {@link #importFrom(InputStream)}; nothing is deleted from this store. A damaged instance
   * of this store cannot be read: it is left behind, reported to this store's corruption
   * listener and counted in the summary's {@code damaged}, as is an instance {@code target}
   * holds damaged, whose document is not written over (also counted in {@code skipped}):
   * {@code damaged() == 0} means {@code target} got every instance.
   *
   * @throws dev.burrow.StorageException if either backend fails or a file cannot be copied:
   *     what was copied before it stays copied, and a copy run again finishes the rest
   */
  public ImportSummary copyTo(OrderStore target) {
    return engine.copyTo(target.engine);
  }

  /**
   * Migration: copies every readable instance of this store into {@code target} (a store of
   * the same kind, typically on another backend, such as a data root moving to a database),
   * keeping IDs, versions and timestamps, with the regular files of their directories where
   * the target keeps them elsewhere (links, never followed, FIFOs, sockets and devices are
   * counted in the summary's {@code skipped}). As idempotent and resumable as
   * {@link #importFrom(InputStream)}; nothing is deleted from this store. A damaged instance
   * of this store cannot be read: it is left behind, reported to this store's corruption
   * listener and counted in the summary's {@code damaged}, as is an instance {@code target}
   * holds damaged, whose document is not written over (also counted in {@code skipped}):
   * {@code damaged() == 0} means {@code target} got every instance. Runs {@code eachCopied}
   * after each instance it copies, for example to show progress; an exception it throws ends
   * the copy and reaches the caller as it is, and what was copied before stays copied.
   *
   * @throws dev.burrow.StorageException if either backend fails or a file cannot be copied:
   *     what was copied before it stays copied, and a copy run again finishes the rest
   */
  public ImportSummary copyTo(OrderStore target, Runnable eachCopied) {
    return engine.copyTo(target.engine, eachCopied);
  }

  private static UnaryOperator<Order> applying(Consumer<OrderChanges> change, String parameter) {
    Objects.requireNonNull(change, parameter);
    return current -> {
      OrderChanges changes = OrderChanges.of(current);
      change.accept(changes);
      return changes.build();
    };
  }

  /**
   * Closes the store and releases what it holds open; later calls throw
   * {@link dev.burrow.MisuseException}, and so does every use of the event logs, files,
   * shared files and sessions it handed out, whenever taken (a lock taken before still
   * closes). Stores made by {@link #withProvisioner} share it and are closed too.
   * Idempotent.
   */
  @Override
  public void close() {
    engine.close();
  }
}
