package dev.burrow.benchmarks;

import dev.burrow.benchmarks.harness.BenchRun;
import dev.burrow.benchmarks.harness.BenchRunSchema;
import dev.burrow.benchmarks.harness.BenchRunStore;
import dev.burrow.benchmarks.harness.Scratch;
import dev.burrow.runtime.codec.ValueCodecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
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
 * The parts of a {@code get}, one thread, average time each: the whole {@code get} of a stored
 * instance the store holds in its document cache; decoding its document; reading its bytes as the
 * bare protocol does ({@code Files.readAllBytes}); the {@code lstat} of the instance directory that
 * refuses a planted link; and an instant parsed the way documents are read against {@code
 * Instant.parse}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReadPathBenchmark {
  private static final String ID = "000000000001";
  private static final String INSTANT = "2026-12-01T13:35:12.101371367Z";

  private Path directory;
  private BenchRunStore store;
  private Path instance;
  private byte[] document;

  /** A store on a fresh root with one instance as the harness stores it. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory("burrow-read-benchmark");
    store = Scratch.nonDurableStore(directory);
    store.create(ID, c -> c.putParam("text", BenchRun.TEXT));
    instance = store.dirs(ID).root();
    document = Files.readAllBytes(instance.resolve("instance.json"));
  }

  /** Closes the store and removes its root. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
    Scratch.delete(directory);
  }

  /**
   * {@code store.get(id)} of a document the store holds in its document cache, unchanged: ID check,
   * path, one {@code lstat} of the document, decode.
   */
  @Benchmark
  public BenchRun get() {
    return store.get(ID);
  }

  /** Decoding the stored document. */
  @Benchmark
  public BenchRun decode() {
    return BenchRunSchema.INSTANCE.codec().decode(document);
  }

  /** The bare protocol's read of the same file. */
  @Benchmark
  public byte[] readAllBytes() throws IOException {
    return Files.readAllBytes(instance.resolve("instance.json"));
  }

  /** The check that the instance directory is no symbolic link. */
  @Benchmark
  public BasicFileAttributes lstatDirectory() throws IOException {
    return Files.readAttributes(instance, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  /** An instant as documents are read. */
  @Benchmark
  public Instant instantAsRead() {
    return ValueCodecs.INSTANT.fromKey(INSTANT);
  }

  /** The same instant with {@code Instant.parse}, which documents were read with before. */
  @Benchmark
  public Instant instantParse() {
    return Instant.parse(INSTANT);
  }
}
