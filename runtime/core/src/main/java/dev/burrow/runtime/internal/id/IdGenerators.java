package dev.burrow.runtime.internal.id;

import dev.burrow.ClockMovedBackwardsException;
import dev.burrow.IdGenerator;
import dev.burrow.IdKind;
import dev.burrow.StorageException;
import dev.burrow.WorkerIdUnavailableException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** The generators stores use: one per ID kind and data root, shared by everything in the JVM. */
public final class IdGenerators {
  /** The generators by their workers' registry: one per lease directory, however it is reached. */
  private static final Map<WorkerIdAllocator, SnowflakeGenerator> SNOWFLAKES =
      new ConcurrentHashMap<>();

  private static final ReentrantLock SNOWFLAKE_START = new ReentrantLock();

  private IdGenerators() {}

  /**
   * The generator a store of {@code kind} under {@code dataRoot} uses for {@code create()}.
   *
   * <ul>
   *   <li>{@link IdKind#SNOWFLAKE}: {@link #snowflake(Path)}.
   *   <li>{@link IdKind#UUID_V7}: {@link #uuidV7()}; {@code dataRoot} is not used.
   * </ul>
   */
  public static IdGenerator forKind(IdKind kind, Path dataRoot) {
    return switch (kind) {
      case SNOWFLAKE -> snowflake(dataRoot);
      case UUID_V7 -> uuidV7();
    };
  }

  /**
   * The JVM-wide Snowflake generator of {@code dataRoot}, default layout: the first call leases a
   * worker number from {@link WorkerIds#fileLeases(Path)} (creating {@code
   * <dataRoot>/.burrow/workers/} owner-only if needed), later calls with the same root (by any path
   * that leads to it; not a root made at its path after it was moved away) return the same
   * generator, which holds its lease until the JVM exits.
   *
   * @throws WorkerIdUnavailableException if all 1024 worker numbers are leased
   * @throws ClockMovedBackwardsException see {@link SnowflakeGenerator}
   * @throws StorageException if the lease directory or file cannot be written
   */
  public static SnowflakeGenerator snowflake(Path dataRoot) {
    WorkerIdAllocator workers = WorkerIds.fileLeases(dataRoot);
    SnowflakeGenerator generator = SNOWFLAKES.get(workers);
    if (generator != null) {
      return generator;
    }
    SNOWFLAKE_START.lock(); // not computeIfAbsent: its monitor would pin a virtual thread
    try {
      generator = SNOWFLAKES.get(workers);
      if (generator == null) {
        generator = SnowflakeGenerator.builder(workers).build();
        SNOWFLAKES.put(workers, generator);
      }
      return generator;
    } finally {
      SNOWFLAKE_START.unlock();
    }
  }

  /** The JVM-wide UUIDv7 generator with {@link UuidV7Generator.Randomness#SECURE} bits. */
  public static UuidV7Generator uuidV7() {
    return SharedUuidV7.GENERATOR;
  }

  private static final class SharedUuidV7 {
    static final UuidV7Generator GENERATOR = UuidV7Generator.create();
  }
}
