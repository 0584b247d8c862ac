package dev.burrow.runtime.testing;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.store.HostContext;
import dev.burrow.spi.InstanceSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Opens counter stores for tests. */
public final class Stores {
  private static final AtomicLong NEXT_ID = new AtomicLong();

  private Stores() {}

  /** Where instance {@code id}'s directory is under the data root {@code root}. */
  public static Path instanceDirectory(Path root, String id) {
    return FileSystemBackend.instanceDirectory(root, id);
  }

  /**
   * What the files kept under {@code root} need, as a store there sets it up, at {@link
   * Durability#NONE} and a ten-second lock timeout.
   */
  public static HostContext host(Path root) {
    return new HostContext(
        root,
        TempFiles.forRoot(root),
        InstanceLocks.forRoot(root),
        Durability.NONE,
        Duration.ofSeconds(10));
  }

  /** A counter store on {@code root} with the given durability. */
  public static CounterStore counters(Path root, Durability durability) {
    return counters(root, durability, CounterSchema.INSTANCE);
  }

  /** A store of {@code schema}'s counters on {@code root} with the given durability. */
  public static CounterStore counters(
      Path root, Durability durability, InstanceSchema<Counter> schema) {
    return new CounterStore(
        StoreEngine.open(
            schema,
            StoreOptions.defaults()
                .withDataRoot(root)
                .withDurability(durability)
                .withIdGenerator(
                    () -> "c" + ProcessHandle.current().pid() + "-" + NEXT_ID.incrementAndGet())));
  }
}
