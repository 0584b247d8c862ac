package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Runs the workloads on one system and records their throughput: a cycle (create every instance,
 * update each, get each in random order, list all, delete each) on distinct instances, or a
 * contention run (many threads updating one instance).
 */
final class StoreRuns {
  /**
   * The fewest documents a read phase reads: a run of fewer instances gets them again, in the same
   * random order, and lists them again, until it has read this many (a durable run of 1,000
   * instances reads each 50 times), so that no read phase is timed over a few tens of milliseconds,
   * where one garbage collection or compilation moves the figure by a fifth.
   */
  static final int MIN_READS = 50_000;

  private final Path workDir;
  private final Measurements results;

  StoreRuns(Path workDir, Measurements results) {
    this.workDir = workDir;
    this.results = results;
  }

  /** Where every run makes its directory. */
  Path workDir() {
    return workDir;
  }

  /** The instance IDs of a run of {@code n}, the same as the seeds' Python store uses. */
  static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("%012d", i)).toList();
  }

  /** One cycle of {@code n} instances on {@code threads} threads; recorded unless a warm-up. */
  void cycle(
      Contender system,
      Subjects subjects,
      Durability durability,
      int threads,
      int n,
      boolean record) {
    List<String> ids = ids(n);
    List<String> shuffled = new ArrayList<>(ids);
    Collections.shuffle(shuffled, new Random(7));
    Path directory = Scratch.directory(workDir, system.name().toLowerCase(java.util.Locale.ROOT));
    // The cycle before this one (another system's, often non-durable) removed its directory on the
    // way out; its write-back would otherwise land in this cycle's first flushes.
    Machine.settle();
    try (Subject subject = subjects.open(directory, durability)) {
      double create = Phase.seconds(n, threads, i -> subject.create(ids.get(i)));
      double update = Phase.seconds(n, threads, i -> subject.update(ids.get(i)));
      int passes = (Math.max(n, MIN_READS) + n - 1) / n;
      double get = Phase.seconds(n * passes, threads, i -> subject.get(shuffled.get(i % n)));
      double list = Phase.seconds(() -> listAll(system, subject, n, passes));
      double delete = Phase.seconds(n, threads, i -> subject.delete(ids.get(i)));
      if (record) {
        results.addTimed(
            new Measurements.Key(system, durability, Workload.CREATE, threads, n), n, create);
        results.addTimed(
            new Measurements.Key(system, durability, Workload.UPDATE, threads, n), n, update);
        results.addTimed(
            new Measurements.Key(system, durability, Workload.GET, threads, n), n * passes, get);
        results.addTimed(
            new Measurements.Key(system, durability, Workload.LIST, threads, n), n * passes, list);
        results.addTimed(
            new Measurements.Key(system, durability, Workload.DELETE, threads, n), n, delete);
        results.addTimed(
            new Measurements.Key(system, durability, Workload.CYCLE, threads, n),
            n,
            create + update + list / passes);
      }
    } finally {
      Scratch.delete(directory);
    }
  }

  private static void listAll(Contender system, Subject subject, int n, int passes) {
    for (int pass = 0; pass < passes; pass++) {
      int listed = subject.list();
      if (listed != n) {
        throw new IllegalStateException(system.label + " listed " + listed + " of " + n);
      }
    }
  }

  /**
   * The server's flushes per update of Burrow on PostgreSQL, over {@code n} updates on one thread.
   */
  double serverFsyncs(PostgresPeer postgres, int n) {
    List<String> ids = ids(n);
    Path directory = Scratch.directory(workDir, "postgres");
    try (Subject subject = postgres.subjects().open(directory, Durability.FSYNC)) {
      ids.forEach(subject::create);
      double perUpdate =
          postgres.fsyncsPerOperation(workDir, n, () -> ids.forEach(subject::update));
      ids.forEach(subject::delete);
      return perUpdate;
    } finally {
      Scratch.delete(directory);
    }
  }

  /** {@code updates} updates of one instance by {@code threads} threads at once. */
  void contention(
      Contender system, Subjects subjects, Durability durability, int threads, int updates) {
    String hot = ids(1).get(0);
    Path directory = Scratch.directory(workDir, system.name().toLowerCase(java.util.Locale.ROOT));
    try (Subject subject = subjects.open(directory, durability)) {
      subject.create(hot);
      double seconds = Phase.seconds(updates, threads, i -> subject.update(hot));
      subject.delete(hot);
      results.addTimed(
          new Measurements.Key(system, durability, Workload.CONTENDED_UPDATE, threads, updates),
          updates,
          seconds);
    } finally {
      Scratch.delete(directory);
    }
  }
}
