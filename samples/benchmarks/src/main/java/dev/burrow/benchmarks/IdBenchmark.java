package dev.burrow.benchmarks;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.burrow.SnowflakeLayout;
import dev.burrow.benchmarks.harness.Scratch;
import dev.burrow.runtime.internal.id.SnowflakeGenerator;
import dev.burrow.runtime.internal.id.UuidV7Generator;
import dev.burrow.runtime.internal.id.UuidV7Generator.Randomness;
import dev.burrow.runtime.internal.id.WorkerIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
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
 * ID generation throughput, all generators shared by the benchmark threads: Burrow's Snowflake
 * (file-leased worker, default layout, capped by the layout at 4.096 M IDs/s per worker, and an
 * uncapped layout to show the hot path's own cost) and UUIDv7 (secure and fast random bits) against
 * uuid-creator's UUIDv7 and the JDK's random UUID. {@link OneThread} and {@link TwoThreads} run the
 * same methods.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class IdBenchmark {
  private Path dataRoot;
  private SnowflakeGenerator snowflake;
  private SnowflakeGenerator snowflakeWide;
  private final UuidV7Generator uuidV7Secure = UuidV7Generator.create(Randomness.SECURE);
  private final UuidV7Generator uuidV7Fast = UuidV7Generator.create(Randomness.FAST);

  /** Leases a worker number under a fresh data root, as a store would. */
  @Setup(Level.Trial)
  public void leaseWorker() throws IOException {
    dataRoot = Files.createTempDirectory("burrow-benchmark");
    snowflake = SnowflakeGenerator.builder(WorkerIds.fileLeases(dataRoot)).build();
    SnowflakeLayout wide = SnowflakeLayout.of(31, 10, 22, Instant.now().minus(Duration.ofDays(1)));
    snowflakeWide = SnowflakeGenerator.builder(WorkerIds.fileLeases(dataRoot)).layout(wide).build();
  }

  /** Releases the lease and removes the data root. */
  @TearDown(Level.Trial)
  public void releaseWorker() throws IOException {
    snowflake.close();
    snowflakeWide.close();
    Scratch.delete(dataRoot);
  }

  /** A Snowflake ID as a store uses it: the decimal string. */
  @Benchmark
  public String snowflakeId() {
    return snowflake.nextId();
  }

  /**
   * The same generator code with 22 sequence bits (4 M IDs per millisecond), so the layout's cap
   * never binds: the cost of the hot path itself.
   */
  @Benchmark
  public String snowflakeIdUncapped() {
    return snowflakeWide.nextId();
  }

  /** Burrow's UUIDv7 with SecureRandom bits (the default). */
  @Benchmark
  public UUID uuidV7Secure() {
    return uuidV7Secure.next();
  }

  /** Burrow's UUIDv7 with ThreadLocalRandom bits. */
  @Benchmark
  public UUID uuidV7Fast() {
    return uuidV7Fast.next();
  }

  /** uuid-creator's UUIDv7 ({@code UuidCreator.getTimeOrderedEpoch()}). */
  @Benchmark
  public UUID uuidCreatorV7() {
    return UuidCreator.getTimeOrderedEpoch();
  }

  /** The JDK's version 4 UUID, for scale. */
  @Benchmark
  public UUID jdkRandomUuid() {
    return UUID.randomUUID();
  }

  /** Every method on one thread. */
  @Threads(1)
  public static class OneThread extends IdBenchmark {}

  /** Every method on two threads sharing each generator. */
  @Threads(2)
  public static class TwoThreads extends IdBenchmark {}
}
