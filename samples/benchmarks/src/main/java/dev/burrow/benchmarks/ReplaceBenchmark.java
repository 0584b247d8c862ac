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
 * What it costs to keep temporary files out of instance directories: a 479-byte document (the
 * harness's) written to a new file and renamed over {@code instance.json}, without fsync, with the
 * temporary file beside the target or in a directory of the temporary area ({@code
 * .burrow/tmp/<session>/}), which makes the rename one between two directories. Average time per
 * write and rename, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReplaceBenchmark {
  private Path directory;
  private Path target;
  private Path area;
  private final byte[] document = new byte[479];
  private long next;

  /** An instance directory in its shards and a session directory of the temporary area. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory("burrow-replace-benchmark");
    target = Files.createDirectories(directory.resolve("instances/x@t/x@t/x"));
    area = Files.createDirectories(directory.resolve(".burrow/tmp/session"));
  }

  /** Removes the files. */
  @TearDown(Level.Trial)
  public void close() {
    Scratch.delete(directory);
  }

  /** The temporary file beside the target. */
  @Benchmark
  public void beside() throws IOException {
    replace(target);
  }

  /** The temporary file in the temporary area. */
  @Benchmark
  public void throughTemporaryArea() throws IOException {
    replace(area);
  }

  private void replace(Path in) throws IOException {
    Path temp = in.resolve(".tmp-" + next++);
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(document));
    }
    Files.move(temp, target.resolve("instance.json"), StandardCopyOption.ATOMIC_MOVE);
  }
}
