package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Device flushes of durable updates that each change an indexed value, made by threads of one
 * process at once: each update flushes its document's new file and directory, and its index entry
 * through the process's index journal, whose flush writers waiting at once share. {@code QueryRun}
 * (state indexed), each thread on ten instances of its own; flushes counted by {@code strace -f -c}
 * over a child process, less those of the same child making no update.
 *
 * <p>Arguments: threads (default 8), updates per thread (default 250), work directory (default the
 * temporary directory). Needs {@code strace}.
 */
public final class SharedJournalFlushes {
  private static final int INSTANCES_PER_THREAD = 10;

  private SharedJournalFlushes() {}

  /** Counts and prints; with {@code child} first, runs the updates instead. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("child")) {
      update(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
      return;
    }
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 250;
    Path work = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
    long flushes = run(threads, perThread, work) - run(threads, 0, work);
    int updates = threads * perThread;
    System.out.printf(
        Locale.ROOT,
        "%d threads, %,d durable updates each changing an indexed value: %,d flushes (%.2f per"
            + " update)%n",
        threads,
        updates,
        flushes,
        (double) flushes / updates);
  }

  private static long run(int threads, int perThread, Path work) {
    Path directory = Scratch.directory(work, "shared-journal");
    try {
      return FsyncCounts.count(
          Processes.java(
              SharedJournalFlushes.class,
              "child",
              Integer.toString(threads),
              Integer.toString(perThread),
              directory.toString()),
          directory);
    } finally {
      Scratch.delete(directory);
    }
  }

  /** Makes the instances, then {@code perThread} updates on each of {@code threads} threads. */
  private static void update(int threads, int perThread, Path directory)
      throws InterruptedException {
    StoreOptions options =
        StoreOptions.defaults().withDataRoot(directory).withDurability(Durability.FSYNC);
    try (QueryRunStore store = QueryRunStore.open(options)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < INSTANCES_PER_THREAD; i++) {
          mine.add(store.create("t" + t + "-" + i, c -> c.owner("x")).id());
        }
        Thread worker =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  for (int i = 0; i < perThread; i++) {
                    store.update(
                        mine.get(i % mine.size()), c -> c.state(c.state().equals("a") ? "b" : "a"));
                  }
                });
        worker.start();
        workers.add(worker);
      }
      start.countDown();
      for (Thread worker : workers) {
        worker.join();
      }
    }
  }
}
