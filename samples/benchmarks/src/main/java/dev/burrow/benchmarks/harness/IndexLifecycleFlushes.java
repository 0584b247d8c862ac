package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * Device flushes an index adds to durable writes when each instance sits alone in a leaf shard
 * (made one every few seconds or slower, so the index's entries share no directory either), over a
 * task runner's lifecycle: each instance created {@code pending} in a run of 100, then updated to
 * {@code running} and to {@code done}, one thread. {@code QueryRun} (its run and its state indexed)
 * against {@code PlainRun} (the same fields, nothing indexed); flushes counted by {@code strace -f
 * -c} over a child process, less those of the same child making no write.
 *
 * <p>Arguments: instances (default 4,000, enough for one checkpoint of the index journal), work
 * directory (default the temporary directory). Needs {@code strace}.
 */
public final class IndexLifecycleFlushes {
  private static final List<String> STATES = List.of("pending", "running", "done");

  private IndexLifecycleFlushes() {}

  /** Counts and prints; with {@code child} first, runs one lifecycle instead. */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("child")) {
      lifecycle(Boolean.parseBoolean(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
      return;
    }
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
    Path work = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
    long plain = flushes(false, n, work);
    long indexed = flushes(true, n, work);
    int writes = n * STATES.size();
    System.out.printf(
        Locale.ROOT,
        "%,d durable writes (%,d instances, each alone in a leaf: create, 2 updates): %,d flushes"
            + " unindexed (%.2f per write), %,d with run and state indexed (%.2f per write):"
            + " %.2f more per write%n",
        writes,
        n,
        plain,
        (double) plain / writes,
        indexed,
        (double) indexed / writes,
        (double) (indexed - plain) / writes);
  }

  /** The flushes of a lifecycle of {@code n} instances, less those of one of none. */
  private static long flushes(boolean indexed, int n, Path work) {
    return run(indexed, n, work) - run(indexed, 0, work);
  }

  private static long run(boolean indexed, int n, Path work) {
    Path directory = Scratch.directory(work, "lifecycle");
    try {
      return FsyncCounts.count(
          Processes.java(
              IndexLifecycleFlushes.class,
              "child",
              Boolean.toString(indexed),
              Integer.toString(n),
              directory.toString()),
          directory);
    } finally {
      Scratch.delete(directory);
    }
  }

  /** Instance {@code i}'s ID: 10 characters, so a leaf shard of its own. */
  private static String id(int i) {
    return String.format(Locale.ROOT, "life-%05d", i);
  }

  private static String run(int i) {
    return "run-" + i / 100;
  }

  private static void lifecycle(boolean indexed, int n, Path directory) {
    StoreOptions options =
        StoreOptions.defaults().withDataRoot(directory).withDurability(Durability.FSYNC);
    if (indexed) {
      try (QueryRunStore store = QueryRunStore.open(options)) {
        drive(
            n,
            (id, run) -> store.create(id, c -> c.owner(run).state(STATES.get(0))),
            (id, state) -> store.update(id, c -> c.state(state)));
      }
    } else {
      try (PlainRunStore store = PlainRunStore.open(options)) {
        drive(
            n,
            (id, run) -> store.create(id, c -> c.owner(run).state(STATES.get(0))),
            (id, state) -> store.update(id, c -> c.state(state)));
      }
    }
  }

  /** Creates {@code n} instances (ID, run), then moves every one to each later state in turn. */
  private static void drive(
      int n, BiConsumer<String, String> create, BiConsumer<String, String> update) {
    List<String> ids = IntStream.range(0, n).mapToObj(IndexLifecycleFlushes::id).toList();
    IntStream.range(0, n).forEach(i -> create.accept(ids.get(i), run(i)));
    for (String state : STATES.subList(1, STATES.size())) {
      ids.forEach(id -> update.accept(id, state));
    }
  }
}
