package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import dev.burrow.PageRequest;
import dev.burrow.PruneReport;
import dev.burrow.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The scale section: Burrow's costs on one data root holding a given number of instances, with
 * time-ordered (Snowflake) IDs and without fsync ({@link Durability#NONE}, so that a million
 * instances can be made in minutes). {@link #warmUp} first runs the create and delete paths on a
 * root of its own until the JVM has compiled them; then each size gets a fresh root, filled by
 * {@link #POPULATE} threads creating as fast as the store lets them, and measured in turn.
 */
final class ScaleRuns {
  /** Threads that fill a root. */
  static final int POPULATE = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

  /** The page the first-page figure asks for. */
  static final int FIRST_PAGE = 100;

  /** Creates in one timed batch on one thread into the full root. */
  static final int CREATE_BATCH = 1_000;

  /** Timed create batches per size, after one untimed batch; the figure is their median. */
  static final int CREATE_RUNS = 5;

  /**
   * Instances in the reference root beside each size's root: its create batches take turns with
   * those into the full root, so that the two rates are measured under the same state of the disk
   * and the machine, not minutes apart.
   */
  static final int REFERENCE = 1_000;

  /**
   * Untimed creates on one thread, in batches of {@link #CREATE_BATCH}, before the first size:
   * 50,000, or 2,000 in a quick run, which only shows that the harness runs.
   */
  static int warmUpCreates(boolean quick) {
    return quick ? 2_000 : 50_000;
  }

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
   * @param createPerSecond creates per second into the full root, one thread: the median of {@link
   *     #CREATE_RUNS} batches, each starting at {@code instances}
   * @param referenceCreatePerSecond the same into a root of {@link #REFERENCE}, its batches taking
   *     turns with those into the full root
   * @param retained the retention run: what {@code deleteOlderThan} did to the root of {@code
   *     instances}, with the age at which a tenth of them are older
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
      double referenceCreatePerSecond,
      PruneReport retained,
      double retentionSeconds,
      long retentionHeapBytes) {}

  private final Path workDir;
  private final Consumer<String> log;

  ScaleRuns(Path workDir, Consumer<String> log) {
    this.workDir = workDir;
    this.log = log;
  }

  /**
   * Runs the create and delete paths until the JVM has compiled them, on a root of its own that is
   * removed afterwards: {@code creates} creates on one thread, in batches whose rates are logged
   * (so that the plateau shows), then one {@code deleteOlderThan} removing them all.
   */
  void warmUp(int creates) {
    Path root = Scratch.directory(workDir, "scale-warm-up");
    try (BenchRunStore store = open(root)) {
      List<Double> rates = new ArrayList<>();
      for (int done = 0; done < creates; done += CREATE_BATCH) {
        rates.add(createBatch(store).perSecond());
      }
      log.accept("warm-up: creates/s per batch of " + CREATE_BATCH + ": " + rounded(rates));
      store.deleteOlderThan(Duration.ZERO);
    } finally {
      remove(root);
    }
  }

  /** Fills a fresh root with {@code instances} and measures it; the root is removed afterwards. */
  Figures measure(int instances) {
    Path root = Scratch.directory(workDir, "scale-" + instances);
    Path reference = Scratch.directory(workDir, "scale-" + instances + "-reference");
    try {
      return measure(root, reference, instances);
    } finally {
      log.accept("removing the root of " + instances + " and its reference root");
      Scratch.delete(reference);
      remove(root);
    }
  }

  /**
   * Removes a root and writes the removal back to the disk, so that its writeback does not land in
   * the next size's filling.
   */
  private static void remove(Path root) {
    Scratch.delete(root);
    Processes.outputOr("", "sync");
  }

  private Figures measure(Path root, Path reference, int instances) {
    log.accept("filling a root with " + instances + " instances, " + POPULATE + " threads");
    Filled filled = fill(root, instances);
    fill(reference, REFERENCE);
    log.accept("writing the filled roots back to the disk (sync)");
    Processes.outputOr("", "sync");
    log.accept("measuring " + instances);
    double openMillis = openMillis(root);
    double firstPageMillis;
    OptionalLong firstPageReads;
    double streamPerSecond;
    HeapWatch streamHeap;
    double get1;
    double get8;
    CreateRates create;
    try (BenchRunStore store = open(root);
        BenchRunStore small = open(reference)) {
      firstPageMillis = firstPageMillis(store);
      firstPageReads = ThreadIo.readCalls(() -> store.list(PageRequest.first(FIRST_PAGE)));
      streamPerSecond = streamPerSecond(store, instances);
      streamHeap = HeapWatch.start(instances / HEAP_SAMPLES);
      store.stream().forEach(run -> streamHeap.tick());
      List<String> sample = new ArrayList<>(filled.sample());
      Collections.shuffle(sample, new Random(11));
      get1 = medianOf(() -> getsPerSecond(store, sample, 1));
      get8 = medianOf(() -> getsPerSecond(store, sample, 8));
      // Reading a document for the first time updates its access time: the stream and the gets
      // above left as many inodes to write back as they read, which would land in the creates.
      log.accept("writing back what the reads changed (sync)");
      Processes.outputOr("", "sync");
      create = createsPerSecond(store, small);
    }
    Retention retention = retain(root, instances, filled.cutoff());
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
        create.full(),
        create.reference(),
        retention.report(),
        retention.seconds(),
        retention.heapBytes());
  }

  /** What the retention run did, how long it took and how much the live heap grew meanwhile. */
  private record Retention(PruneReport report, double seconds, long heapBytes) {}

  /**
   * {@code deleteOlderThan} on the root of {@code instances}, through a store whose clock stands
   * still, so that the age reaches back exactly to {@code cutoff.before()} and deletes the {@code
   * cutoff.older()} instances made before it.
   */
  private static Retention retain(Path root, int instances, Cutoff cutoff) {
    Instant now = Instant.now();
    Duration age = Duration.between(cutoff.before(), now);
    try (BenchRunStore store = open(root, Clock.fixed(now, ZoneOffset.UTC))) {
      HeapWatch heap = HeapWatch.start(Math.max(1, cutoff.older() / HEAP_SAMPLES));
      long start = System.nanoTime();
      PruneReport report = store.deleteOlderThan(age, run -> heap.tick());
      double seconds = (System.nanoTime() - start) / 1e9 - heap.gcSeconds();
      if (report.examined() != instances || report.deleted() != cutoff.older()) {
        throw new IllegalStateException(
            "retention deleted "
                + report.deleted()
                + " of "
                + report.examined()
                + ", not "
                + cutoff.older()
                + " of "
                + instances);
      }
      return new Retention(report, seconds, heap.growthBytes());
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

  /** Creates per second into the full root and into the reference root. */
  private record CreateRates(double full, double reference) {}

  /**
   * Creates per second into the full root and into the reference root, their batches taking turns:
   * one untimed batch into each, then the median of {@link #CREATE_RUNS} timed ones; each batch's
   * instances are deleted after it, untimed, so that every batch starts at its root's size.
   */
  private CreateRates createsPerSecond(BenchRunStore store, BenchRunStore reference) {
    List<Double> full = new ArrayList<>();
    List<Double> small = new ArrayList<>();
    for (int run = 0; run <= CREATE_RUNS; run++) {
      full.add(deletedAfter(store, createBatch(store)));
      small.add(deletedAfter(reference, createBatch(reference)));
    }
    log.accept(
        "creates/s per batch, the first untimed: full root "
            + rounded(full)
            + ", reference root "
            + rounded(small));
    return new CreateRates(
        median(full.subList(1, full.size())), median(small.subList(1, small.size())));
  }

  private static double deletedAfter(BenchRunStore store, Batch batch) {
    batch.ids().forEach(store::delete);
    return batch.perSecond();
  }

  private static List<String> rounded(List<Double> rates) {
    return rates.stream().map(rate -> String.format(Locale.ROOT, "%,.0f", rate)).toList();
  }

  /** A timed batch of creates: its rate and the IDs it made. */
  private record Batch(double perSecond, List<String> ids) {}

  private static Batch createBatch(BenchRunStore store) {
    String[] ids = new String[CREATE_BATCH];
    double seconds =
        Phase.seconds(
            CREATE_BATCH,
            1,
            i -> ids[i] = store.create(c -> c.putParam("text", BenchRun.TEXT)).id());
    return new Batch(CREATE_BATCH / seconds, List.of(ids));
  }

  /**
   * What filling a root left: timings, the cutoff a tenth of the instances were made before, and a
   * sample of IDs.
   */
  private record Filled(
      double seconds, double startRate, double endRate, Cutoff cutoff, List<String> sample) {}

  /**
   * An instant and how many instances of a root were made before it: the creation time of its
   * oldest instance but a tenth, so that {@code older} is a tenth of the root's instances (fewer
   * only if several were made in the same nanosecond at the boundary).
   */
  private record Cutoff(Instant before, int older) {
    static Cutoff tenth(long[] createdNanos) {
      long[] sorted = createdNanos.clone();
      Arrays.sort(sorted);
      int tenth = Math.max(1, sorted.length / 10);
      long before = tenth < sorted.length ? sorted[tenth] : sorted[sorted.length - 1] + 1;
      int older = 0;
      while (older < sorted.length && sorted[older] < before) {
        older++;
      }
      return new Cutoff(Instant.ofEpochSecond(0, before), older);
    }
  }

  private Filled fill(Path root, int instances) {
    int tenth = Math.max(1, instances / 10);
    int every = Math.max(1, instances / GET_SAMPLE);
    AtomicInteger done = new AtomicInteger();
    AtomicLong begun = new AtomicLong();
    long[] marks = new long[3];
    long[] createdNanos = new long[instances];
    String[] sample = new String[(instances + every - 1) / every];
    try (BenchRunStore store = open(root)) {
      double seconds =
          Phase.seconds(
              instances,
              POPULATE,
              i -> {
                begun.compareAndSet(0, System.nanoTime());
                BenchRun run = store.create(c -> c.putParam("text", BenchRun.TEXT));
                createdNanos[i] = ChronoUnit.NANOS.between(Instant.EPOCH, run.createdAt());
                if (i % every == 0) {
                  sample[i / every] = run.id();
                }
                int count = done.incrementAndGet();
                if (count == tenth) {
                  marks[0] = System.nanoTime();
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
      return new Filled(seconds, startRate, endRate, Cutoff.tenth(createdNanos), List.of(sample));
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

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  static BenchRunStore open(Path root) {
    return open(root, Clock.systemUTC());
  }

  private static BenchRunStore open(Path root, Clock clock) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return BenchRunStore.open(
        StoreOptions.defaults()
            .withDataRoot(root)
            .withDurability(Durability.NONE)
            .withClock(clock));
  }
}
