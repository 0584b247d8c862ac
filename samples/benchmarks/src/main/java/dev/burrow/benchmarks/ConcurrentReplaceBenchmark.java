package dev.burrow.benchmarks;

import dev.burrow.benchmarks.harness.Scratch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Where concurrent durable writers put their temporary files: 8 threads, each replacing the {@code
 * instance.json} of its own instance directory with a 479-byte document (the harness's), durably
 * (new file written and flushed, renamed over the target, the target's directory flushed), with the
 * temporary file beside the target, in one directory shared by all threads (what Burrow does: one
 * session directory of the temporary area per process), in one of 16 shard directories of the
 * session chosen by the target (a design tried and taken out again), or made in the shard, linked
 * beside the target and renamed there (a way around the rename between two directories, which takes
 * a lock of the whole file system in the Linux kernel where one within a directory does not).
 * Throughput of all threads together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(8)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConcurrentReplaceBenchmark {
  private static final int SHARDS = 16;

  private Path root;
  private Path session;
  private final AtomicLong names = new AtomicLong();

  /** The data root, with the session directory of the temporary area and its shards. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    root = Files.createTempDirectory("burrow-concurrent-replace-benchmark");
    session = Files.createDirectories(root.resolve(".burrow/tmp/session"));
    for (int shard = 0; shard < SHARDS; shard++) {
      Files.createDirectory(session.resolve(Integer.toHexString(shard)));
    }
  }

  /** Removes the files. */
  @TearDown(Level.Trial)
  public void close() {
    Scratch.delete(root);
  }

  /** One thread's instance directory and the shard its document's path picks. */
  @State(Scope.Thread)
  public static class Instance {
    Path directory;
    Path document;
    Path shard;

    /** Makes the instance directory. */
    @Setup(Level.Trial)
    public void make(ConcurrentReplaceBenchmark benchmark) throws IOException {
      directory =
          Files.createDirectories(
              benchmark.root.resolve("instances/x@t/x@t/" + benchmark.names.incrementAndGet()));
      document = directory.resolve("instance.json");
      int hash = document.hashCode();
      shard = benchmark.session.resolve(Integer.toHexString((hash ^ (hash >>> 16)) & (SHARDS - 1)));
    }
  }

  /** The temporary file beside the target. */
  @Benchmark
  public void beside(Instance instance) throws IOException {
    replace(instance.directory, instance);
  }

  /** The temporary file in one directory that all threads share. */
  @Benchmark
  public void oneSharedDirectory(Instance instance) throws IOException {
    replace(session, instance);
  }

  /** The temporary file in the target's shard of the session. */
  @Benchmark
  public void sessionShard(Instance instance) throws IOException {
    replace(instance.shard, instance);
  }

  /** The temporary file in the target's shard, linked beside the target and renamed there. */
  @Benchmark
  public void linkedFromSessionShard(Instance instance) throws IOException {
    long name = names.incrementAndGet();
    Path temp = instance.shard.resolve(".tmp-" + name);
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[479]));
      channel.force(true);
    }
    Path beside = Files.createLink(instance.directory.resolve(".tmp-" + name), temp);
    Files.move(beside, instance.document, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel channel = FileChannel.open(instance.directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
    Files.delete(temp);
  }

  private void replace(Path in, Instance instance) throws IOException {
    Path temp = in.resolve(".tmp-" + names.incrementAndGet());
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[479]));
      channel.force(true);
    }
    Files.move(temp, instance.document, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel channel = FileChannel.open(instance.directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
