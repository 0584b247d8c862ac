package dev.burrow;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How a store is opened. An immutable value: start from {@link #defaults()} and change what you
 * need with the {@code with…} methods.
 *
 * @param dataRoot the data root, or null to use the environment variable or default the schema
 *     names. A relative path is taken from the working directory when the store opens; an empty
 *     path is refused (it would make the working directory the root, which is never meant)
 * @param durability how hard writes work to survive a power cut ({@link Durability#FSYNC} by
 *     default)
 * @param lockTimeout how long {@code update}, {@code create}, {@code delete} and {@code lock(id)}
 *     wait for an instance's lock (30 s by default); zero means not waiting at all. Waits are
 *     counted in nanoseconds, so a timeout of more than {@code 2^63 - 1} ns (about 292 years, such
 *     as {@code ChronoUnit.FOREVER.getDuration()}) is stored as that much, which is waiting forever
 * @param clock the source of created-at and updated-at times
 * @param retryPolicy how {@code updateOptimistic} retries a compare-and-set that lost a race;
 *     {@code update} waits for the instance's lock instead and never needs to retry, and {@code
 *     compareAndSet} never retries
 * @param idGenerator generates IDs for {@code create()}, or null for the schema's ID kind
 *     (Snowflake with a worker number leased under the data root, or UUIDv7)
 * @param corruptionListener told about every damaged document that {@code list()}, {@code
 *     stream()}, a query, an export or a prune skips; by default a warning on the {@code
 *     dev.burrow} system logger
 */
public record StoreOptions(
    @Nullable Path dataRoot,
    Durability durability,
    Duration lockTimeout,
    Clock clock,
    RetryPolicy retryPolicy,
    @Nullable IdGenerator idGenerator,
    Consumer<CorruptInstanceException> corruptionListener) {

  private static final System.Logger LOG = System.getLogger("dev.burrow");

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the field whose value is refused
   */
  public StoreOptions {
    if (dataRoot != null && dataRoot.toString().isEmpty()) {
      throw new IllegalArgumentException(
          "StoreOptions.dataRoot must not be empty (it would be the working directory); give a"
              + " directory, or leave it null for the environment variable or the default");
    }
    Require.nonNull(durability, "StoreOptions.durability");
    lockTimeout = Require.limit(lockTimeout, "StoreOptions.lockTimeout");
    Require.nonNull(clock, "StoreOptions.clock");
    Require.nonNull(retryPolicy, "StoreOptions.retryPolicy");
    Require.nonNull(corruptionListener, "StoreOptions.corruptionListener");
  }

  /** Root from the environment or default, FSYNC, 30 s lock timeout, system UTC clock. */
  public static StoreOptions defaults() {
    return new StoreOptions(
        null,
        Durability.FSYNC,
        Duration.ofSeconds(30),
        Clock.systemUTC(),
        RetryPolicy.defaults(),
        null,
        problem ->
            LOG.log(
                System.Logger.Level.WARNING,
                "skipping a damaged instance: " + problem.getMessage()));
  }

  /**
   * These options with an explicit data root. It may be, or lie below, a symbolic link: a store
   * opened with it works in the directory the link led to when the store opened, for the store's
   * whole life, so a link pointed elsewhere later changes nothing for that store (its documents,
   * locks and IDs stay together); the next store opened follows the link as it is then.
   *
   * @throws IllegalArgumentException naming {@code StoreOptions.dataRoot} if {@code root} is null
   *     or empty (to use the environment variable or the default, do not call this method)
   */
  public StoreOptions withDataRoot(Path root) {
    return new StoreOptions(
        Require.nonNull(root, "StoreOptions.dataRoot"),
        durability,
        lockTimeout,
        clock,
        retryPolicy,
        idGenerator,
        corruptionListener);
  }

  /** These options with another durability. */
  public StoreOptions withDurability(Durability value) {
    return new StoreOptions(
        dataRoot, value, lockTimeout, clock, retryPolicy, idGenerator, corruptionListener);
  }

  /** These options with another lock timeout. */
  public StoreOptions withLockTimeout(Duration value) {
    return new StoreOptions(
        dataRoot, durability, value, clock, retryPolicy, idGenerator, corruptionListener);
  }

  /** These options with another clock. */
  public StoreOptions withClock(Clock value) {
    return new StoreOptions(
        dataRoot, durability, lockTimeout, value, retryPolicy, idGenerator, corruptionListener);
  }

  /** These options with another retry policy. */
  public StoreOptions withRetryPolicy(RetryPolicy value) {
    return new StoreOptions(
        dataRoot, durability, lockTimeout, clock, value, idGenerator, corruptionListener);
  }

  /** These options with another ID generator. */
  public StoreOptions withIdGenerator(IdGenerator value) {
    return new StoreOptions(
        dataRoot, durability, lockTimeout, clock, retryPolicy, value, corruptionListener);
  }

  /**
   * These options with another listener for damaged documents skipped by {@code list()}, {@code
   * stream()}, queries, exports and prunes.
   */
  public StoreOptions withCorruptionListener(Consumer<CorruptInstanceException> value) {
    return new StoreOptions(
        dataRoot, durability, lockTimeout, clock, retryPolicy, idGenerator, value);
  }
}
