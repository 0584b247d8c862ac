package dev.burrow.benchmarks;

import dev.burrow.Durability;
import dev.burrow.EventLog;
import dev.burrow.benchmarks.harness.BenchRunStore;
import dev.burrow.benchmarks.harness.Scratch;
import dev.burrow.runtime.internal.json.FilesMapper;
import dev.burrow.runtime.internal.json.ReadBack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import tools.jackson.databind.ObjectReader;

/**
 * What checking that an event reads back costs beside the append it guards: one event (a record of
 * about 100 bytes of JSON) appended to an instance's log under {@link Durability#NONE}, the
 * cheapest append (lock, one write, no flush), and the check alone ({@link ReadBack#require}, one
 * decode of the line), which every append runs. Average time per call, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventAppendBenchmark {
  /** The event appended. */
  public record Entry(String kind, long at, String text) {}

  private static final Entry EVENT =
      new Entry("progress", 1_700_000_000_000L, "x".repeat(64) + " step 1");

  private Path directory;
  private BenchRunStore store;
  private EventLog<Entry> log;
  private ObjectReader reader;
  private byte[] line;

  /** A store on a fresh root with one instance, its log, and the event's JSON. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory("burrow-event-benchmark");
    store = Scratch.nonDurableStore(directory);
    store.create("000000000000");
    log = store.events("000000000000", Entry.class);
    reader = FilesMapper.INSTANCE.readerFor(Entry.class);
    line = FilesMapper.INSTANCE.writeValueAsBytes(EVENT);
  }

  /** Closes the store and removes its files. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    Scratch.delete(directory);
  }

  /** {@code append(event)} under {@code Durability.NONE}, its read-back check included. */
  @Benchmark
  public long append() {
    return log.append(EVENT);
  }

  /** The read-back check alone, as each append runs it. */
  @Benchmark
  public byte[] readBack() {
    ReadBack.requireWritable(Entry.class, "an Entry event");
    ReadBack.require(reader, line, "an Entry event");
    return line;
  }
}
