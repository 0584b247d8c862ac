package dev.burrow.benchmarks;

import dev.burrow.benchmarks.harness.BenchRunStore;
import dev.burrow.benchmarks.harness.Scratch;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.lock.SharedLock;
import dev.burrow.runtime.internal.store.HostContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Uncontended lock and unlock of one instance, one thread: Burrow's in-process lock and file lock
 * together, through a generated store ({@code store.lock(id)} then {@code close()}) and through
 * {@link InstanceLocks} directly, against a bare {@code FileChannel.lock} and {@code release} of
 * one byte of a file; and a shared hold of a {@link SharedLock}. Average time per lock + unlock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LockBenchmark {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Path directory;
  private BenchRunStore store;
  private InstanceLocks locks;
  private SharedLock shared;
  private FileChannel bare;

  /** A store on a fresh root with one instance, its lock file, and a separate bare file. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory("burrow-lock-benchmark");
    store = Scratch.nonDurableStore(directory);
    store.create("000000000000");
    locks = InstanceLocks.forFile(HostContext.lockFile(directory.resolve("root")));
    shared = locks.shared("writers");
    bare =
        FileChannel.open(
            directory.resolve("bare.lock"),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
  }

  /** Closes the store and the bare file and removes the files. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    bare.close();
    Scratch.delete(directory);
  }

  /** {@code store.lock(id)} and {@code close()}: ID check, in-process lock, file lock. */
  @Benchmark
  public void storeLock() {
    store.lock("000000000000").close();
  }

  /** {@code InstanceLocks.lock(name, timeout)} and {@code close()}. */
  @Benchmark
  public void instanceLocks() {
    locks.lock("000000000000", TIMEOUT).close();
  }

  /**
   * {@code SharedLock.share(timeout)} and {@code close()}: what the indexes' writers' lock adds to
   * every document write.
   */
  @Benchmark
  public void sharedLock() {
    Objects.requireNonNull(shared.share(TIMEOUT)).close();
  }

  /** {@code FileChannel.lock(position, 1, false)} and {@code release()}: the floor. */
  @Benchmark
  public void fileChannelLock() throws IOException {
    FileLock lock = bare.lock(0, 1, false);
    lock.release();
  }
}
