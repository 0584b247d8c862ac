package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import dev.burrow.PageRequest;
import dev.burrow.PruneReport;
import dev.burrow.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The scale section: Burrow's costs on one data root holding a given number of instances, with
 * time-ordered (Snowflake) IDs and without fsync ({@link Durability#NONE}, so that a million
 * instances can be made in minutes). Each size gets a fresh root, filled by {@link #POPULATE}
 * threads creating as fast as the store lets them, and then measured in turn.
 */
final class ScaleRuns {
  /** Threads that fill a root. */
  static final int POPULATE = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

  /** The page the first-page figure asks for. */
  static final int FIRST_PAGE = 100;

  /** Creates timed on one thread once the root is full. */
  static final int CREATE_BATCH = 2_000;

  private static final int OPENS = 5;
  private static final int PAGES = 5;
  private static final int GET_SAMPLE = 10_000;
  private static final int HEAP_SAMPLES = 4;

  /**
   * What was measured at one size.
   *
   * @param instances the instances in the root
   * @param populateSeconds how long filling the root took
   * @param populateStart creates per second over the first tenth of the filling
   * @param populateEnd creates per second over the last tenth of the filling
   * @param openMillis the median time to open the full root (after the JVM opened another one)
   * @param firstPageMillis the median time to read the first page of {@link #FIRST_PAGE}
   * @param firstPageReads read system calls made by one first-page read, if the OS counts them
   * @param streamPerSecond instances per second streamed through the whole root
   * @param streamHeapBytes how much the live heap grew during that stream ({@link HeapWatch})
   * @param getPerSecond random gets per second, one thread
   * @param get8PerSecond random gets per second, eight threads
   * @param createPerSecond creates per second into the full root, one thread
   * @param retained the retention run: what {@code deleteOlderThan} did
   * @param retentionSeconds how long it took
   * @param retentionHeapBytes how much the live heap grew while it ran
   */
  record Figures(
      int instances,
      double populateSeconds,
      double populateStart,
      double populateEnd,
      double openMillis,
      double firstPageMillis,
      OptionalLong firstPageReads,
      double streamPerSecond,
      long streamHeapBytes,
      double getPerSecond,
      double get8PerSecond,
      double createPerSecond,
      PruneReport retained,
      double retentionSeconds,
      long retentionHeapBytes) {}

  private final Path workDir;
  private final Consumer<String> log;

  ScaleRuns(Path workDir, Consumer<String> log) {
    this.workDir = workDir;
    this.log = log;
  }

  /** Fills a fresh root with {@code instances} and measures it; the root is removed afterwards. */
  Figures measure(int instances) {
    Path root = Scratch.directory(workDir, "scale-" + instances);
    try {
      return measure(root, instances);
    } finally {
      log.accept("removing the root of " + instances);
      Scratch.delete(root);
    }
  }

  private Figures measure(Path root, int instances) {
    log.accept("filling a root with " + instances + " instances, " + POPULATE + " threads");
    Filled filled = fill(root, instances);
    log.accept("writing the filled root back to the disk (sync)");
    Processes.outputOr("", "sync");
    log.accept("measuring " + instances);
    double openMillis = openMillis(root);
    try (BenchRunStore store = open(root)) {
      double firstPageMillis = firstPageMillis(store);
      OptionalLong firstPageReads =
          ThreadIo.readCalls(() -> store.list(PageRequest.first(FIRST_PAGE)));
      double streamPerSecond = streamPerSecond(store, instances);
      HeapWatch streamHeap = HeapWatch.start(instances / HEAP_SAMPLES);
      store.stream().forEach(run -> streamHeap.tick());
      List<String> sample = new ArrayList<>(filled.sample());
      Collections.shuffle(sample, new Random(11));
      double get1 = medianOf(() -> getsPerSecond(store, sample, 1));
      double get8 = medianOf(() -> getsPerSecond(store, sample, 8));
      double create = medianOf(() -> createsPerSecond(store));
      HeapWatch retentionHeap = HeapWatch.start(Math.max(1, instances / 10 / HEAP_SAMPLES));
      long retentionStart = System.nanoTime();
      PruneReport retained =
          store.deleteOlderThan(
              Duration.between(filled.tenth(), Instant.now()), run -> retentionHeap.tick());
      double retentionSeconds =
          (System.nanoTime() - retentionStart) / 1e9 - retentionHeap.gcSeconds();
      return new Figures(
          instances,
          filled.seconds(),
          filled.startRate(),
          filled.endRate(),
          openMillis,
          firstPageMillis,
          firstPageReads,
          streamPerSecond,
          streamHeap.growthBytes(),
          get1,
          get8,
          create,
          retained,
          retentionSeconds,
          retentionHeap.growthBytes());
    }
  }

  private static double streamPerSecond(BenchRunStore store, int instances) {
    long start = System.nanoTime();
    long streamed = store.stream().count();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (streamed != instances) {
      throw new IllegalStateException("streamed " + streamed + " of " + instances + " instances");
    }
    return instances / seconds;
  }

  /** Gets of the sampled IDs, in turn, on {@code threads}; at least 20,000. */
  private static double getsPerSecond(BenchRunStore store, List<String> sample, int threads) {
    int gets = Math.max(sample.size(), 20_000);
    return gets / Phase.seconds(gets, threads, i -> store.get(sample.get(i % sample.size())));
  }

  private static double createsPerSecond(BenchRunStore store) {
    return CREATE_BATCH
        / Phase.seconds(CREATE_BATCH, 1, i -> store.create(c -> c.putParam("text", BenchRun.TEXT)));
  }

  /** What filling a root left: timings, when the first tenth was done, and a sample of IDs. */
  private record Filled(
      double seconds, double startRate, double endRate, Instant tenth, List<String> sample) {}

  private Filled fill(Path root, int instances) {
    int tenth = Math.max(1, instances / 10);
    int every = Math.max(1, instances / GET_SAMPLE);
    AtomicInteger done = new AtomicInteger();
    AtomicLong begun = new AtomicLong();
    long[] marks = new long[3];
    AtomicReference<Instant> tenthDone = new AtomicReference<>(Instant.now());
    String[] sample = new String[(instances + every - 1) / every];
    try (BenchRunStore store = open(root)) {
      double seconds =
          Phase.seconds(
              instances,
              POPULATE,
              i -> {
                begun.compareAndSet(0, System.nanoTime());
                String id = store.create(c -> c.putParam("text", BenchRun.TEXT)).id();
                if (i % every == 0) {
                  sample[i / every] = id;
                }
                int count = done.incrementAndGet();
                if (count == tenth) {
                  marks[0] = System.nanoTime();
                  tenthDone.set(Instant.now());
                }
                if (count == instances - tenth) {
                  marks[1] = System.nanoTime();
                }
                if (count == instances) {
                  marks[2] = System.nanoTime();
                }
              });
      double startRate = tenth / ((marks[0] - begun.get()) / 1e9);
      double endRate = tenth / ((marks[2] - marks[1]) / 1e9);
      return new Filled(seconds, startRate, endRate, tenthDone.get(), List.of(sample));
    }
  }

  /** The median time to open the full root, after opening a small one warmed the JVM's code. */
  private double openMillis(Path root) {
    Path warm = root.resolveSibling(root.getFileName() + "-warm");
    try (BenchRunStore store = open(warm)) {
      store.create();
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < OPENS + 1; i++) {
      long start = System.nanoTime();
      BenchRunStore store = open(root);
      double millis = (System.nanoTime() - start) / 1e6;
      store.close();
      if (i > 0) {
        times.add(millis);
      }
    }
    Scratch.delete(warm);
    return median(times);
  }

  private static double firstPageMillis(BenchRunStore store) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < PAGES; i++) {
      long start = System.nanoTime();
      int size = store.list(PageRequest.first(FIRST_PAGE)).items().size();
      times.add((System.nanoTime() - start) / 1e6);
      if (size != FIRST_PAGE) {
        throw new IllegalStateException("the first page held " + size + " instances");
      }
    }
    return median(times);
  }

  /** The median of three runs of {@code figure}. */
  private static double medianOf(DoubleSupplier figure) {
    List<Double> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(figure.getAsDouble());
    }
    return median(runs);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static BenchRunStore open(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return BenchRunStore.open(
        StoreOptions.defaults().withDataRoot(root).withDurability(Durability.NONE));
  }
}
