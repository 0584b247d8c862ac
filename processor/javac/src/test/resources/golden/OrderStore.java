package test.golden;

import dev.burrow.Listing;
import dev.burrow.InstanceLock;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.StoreOptions;
import dev.burrow.WorkspaceProvisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;
import javax.sql.DataSource;
import org.jspecify.annotations.NullMarked;

/**
 * The typed store of {@link Order} instances (kind {@code orders}), over
 * {@link StoreEngine}: atomic durable writes, no silent overwrite, per-instance locks that
 * hold across threads and processes, optimistic versions. Thread-safe; any number
 * of stores in any number of processes may share a data root. Close it when done.
 */
@Generated("dev.burrow.processor.InstanceProcessor")
@NullMarked
public final class OrderStore implements AutoCloseable {
  private final StoreEngine<Order> instances;

  private OrderStore(StoreEngine<Order> instances) {
    this.instances = instances;
  }

  /**
   * Opens the store at the environment variable {@code SHOP_DATA_DIR}, else {@code ~/.shop}, with default options (durable writes).
   *
   * @throws dev.burrow.StorageException if the data root cannot be created or written
   */
  public static OrderStore open() {
    return open(StoreOptions.defaults());
  }

  /**
   * Opens the store at {@code dataRoot}, with default options (durable writes).
   *
   * @throws dev.burrow.StorageException if the data root cannot be created or written
   */
  public static OrderStore open(Path dataRoot) {
    return open(StoreOptions.defaults().withDataRoot(dataRoot));
  }

  /**
   * Opens the store with {@code options}; without a data root in them, at the environment variable {@code SHOP_DATA_DIR}, else {@code ~/.shop}.
   *
   * @throws dev.burrow.StorageException if the data root cannot be created or written
   */
  public static OrderStore open(StoreOptions options) {
    return new OrderStore(StoreEngine.open(OrderSchema.INSTANCE, options));
  }

  /**
   * Opens the store on PostgreSQL through {@code dataSource}, shared by every host that uses
   * the database; Burrow creates and upgrades its tables. Instance directories stay on
   * this host's disk, at the environment variable {@code SHOP_DATA_DIR}, else {@code ~/.shop}.
   *
   * @throws dev.burrow.StorageException if the data root cannot be created or written
   */
  public static OrderStore open(DataSource dataSource) {
    return open(dataSource, StoreOptions.defaults());
  }

  /**
   * Opens the store on PostgreSQL through {@code dataSource} with {@code options}; instance
   * directories stay on this host's disk, at the options' data root, else the environment variable {@code SHOP_DATA_DIR}, else {@code ~/.shop}.
   *
   * @throws dev.burrow.StorageException if the data root cannot be created or written
   */
  public static OrderStore open(DataSource dataSource, StoreOptions options) {
    return new OrderStore(StoreEngine.open(OrderSchema.INSTANCE, dataSource, options));
  }

  /**
   * The untyped runtime store underneath, for operations this facade does not name.
   */
  public StoreEngine<Order> instanceStore() {
    return instances;
  }

  /**
   * This store with {@code provisioner} preparing the workspace of every instance it
   * creates and tearing it down before each delete; see {@link WorkspaceProvisioner} for the guarantees.
   * Both stores share what is open underneath (closing one closes both); this one is unchanged.
   */
  public OrderStore withProvisioner(WorkspaceProvisioner<Order> provisioner) {
    return new OrderStore(instances.withProvisioner(provisioner));
  }

  /**
   * Creates an instance with a new unique, time-ordered ID and fresh defaults, stored as version 1.
   */
  public Order create() {
    return instances.create();
  }

  /**
   * Creates an instance with the given ID and fresh defaults, stored as version 1.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed
   */
  public Order create(String id) {
    return instances.create(id);
  }

  /**
   * Creates an instance with the given ID whose fresh defaults are first edited by
   * {@code initial}; the result is stored as version 1 in one atomic step.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed
   */
  public Order create(String id, Consumer<OrderChanges> initial) {
    return instances.create(id, applying(initial));
  }

  /**
   * The stored instance.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is none
   * @throws dev.burrow.CorruptInstanceException naming the file if it cannot be read
   */
  public Order get(String id) {
    return instances.get(id);
  }

  /**
   * The stored instance, or empty. Lock-free: sees the last complete write.
   *
   * @throws dev.burrow.CorruptInstanceException naming the file if it cannot be read
   */
  public Optional<Order> find(String id) {
    return instances.find(id);
  }

  /**
   * Reads the instance, applies {@code change} to typed changes of it and stores the
   * result as the next version, under the instance's lock (threads and processes), so no
   * concurrent update is lost. {@code change} may run more than once; keep it free of
   * side effects.
   *
   * @return the stored value
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   * @throws dev.burrow.LockTimeoutException if the lock is not free within the lock timeout
   */
  public Order update(String id, Consumer<OrderChanges> change) {
    return instances.update(id, applying(change));
  }

  /**
   * Stores {@code value} as the next version if the stored version is still
   * {@code expectedVersion}; build {@code value} with {@code OrderChanges.of(current)}.
   *
   * @return the stored value, with version {@code expectedVersion + 1}
   * @throws dev.burrow.VersionConflictException if the stored version differs; nothing is written
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   */
  public Order compareAndSet(String id, long expectedVersion, Order value) {
    return instances.compareAndSet(id, expectedVersion, value);
  }

  /**
   * Every readable instance, newest first. A damaged document is skipped and
   * reported to the options' corruption listener; see {@link #scan()}.
   */
  public List<Order> list() {
    return instances.list();
  }

  /**
   * Every readable instance, newest first, with a report for each damaged one.
   */
  public Listing<Order> scan() {
    return instances.scan();
  }

  /**
   * Deletes the instance and its directory, all or nothing.
   *
   * @return false if there was no such instance
   */
  public boolean delete(String id) {
    return instances.delete(id);
  }

  /**
   * The instance's directory, with one accessor per declared subdirectory.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   */
  public OrderDirs dirs(String id) {
    return new OrderDirs(instances.dirs(id));
  }

  /**
   * Takes the instance's exclusive lock across threads and processes, waiting at
   * most the lock timeout of the options; release it with {@code close()}.
   *
   * @throws dev.burrow.LockTimeoutException if it is not free in time
   */
  public InstanceLock lock(String id) {
    return instances.lock(id);
  }

  /**
   * Takes the instance's exclusive lock, waiting at most {@code timeout}.
   *
   * @throws dev.burrow.LockTimeoutException if it is not free in time
   */
  public InstanceLock lock(String id, Duration timeout) {
    return instances.lock(id, timeout);
  }

  private static UnaryOperator<Order> applying(Consumer<OrderChanges> change) {
    return current -> {
      OrderChanges changes = OrderChanges.of(current);
      change.accept(changes);
      return changes.build();
    };
  }

  /**
   * Closes the store and releases what it holds open.
   */
  @Override
  public void close() {
    instances.close();
  }
}
