package dev.burrow.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Creates into a root of a million against a root of a thousand, with the staging and temporary
 * areas of both marked for ext4's spreading ({@code chattr +T}, as Burrow marks them) and unmarked
 * ({@code chattr -T}), on the same two roots: so that what the marking does is measured apart from
 * the machine, the disk and the code. Both roots are filled unmarked, as a root was before Burrow
 * marked its areas: the million instances' directories sit around the staging directory. Each round
 * reopens both stores (a new session of temporary files is placed anew), then times a batch of
 * 1,000 creates on one thread into each root in turn; after each batch its instances are deleted,
 * the store closed (which waits until their trees are removed from the trash) and everything
 * written back ({@code sync}), so no batch pays for another's clean-up. The rounds alternate
 * between unmarked and marked. Needs ext4 and {@code /usr/bin/chattr}.
 *
 * <p>Arguments: instances in the large root (default 1,000,000), rounds of each kind (default 5),
 * work directory (default the temporary directory). Prints each round and the medians.
 */
public final class CreateAtScale {
  private static final int SMALL = 1_000;
  private static final int BATCH = 1_000;
  private static final int FILLERS = 4;

  private CreateAtScale() {}

  /** Runs the comparison and prints it. */
  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
    Path top = Scratch.directory(work, "create-at-scale");
    try {
      Path large = top.resolve("large");
      Path small = top.resolve("small");
      System.out.printf(
          Locale.ROOT, "filled %,d instances in %.1f s%n", instances, fill(large, instances));
      fill(small, SMALL);
      Machine.settle();
      List<List<Double>> rates = new ArrayList<>();
      for (int kind = 0; kind < 4; kind++) {
        rates.add(new ArrayList<>());
      }
      for (int round = 0; round <= 2 * rounds; round++) {
        boolean marked = round % 2 == 1;
        for (Path root : List.of(large, small)) {
          mark(root, marked ? "+T" : "-T");
        }
        double intoLarge = batch(large);
        double intoSmall = batch(small);
        System.out.printf(
            Locale.ROOT,
            "round %d, %s: large %,.0f/s, small %,.0f/s (%.2fx)%n",
            round,
            marked ? "marked" : "unmarked",
            intoLarge,
            intoSmall,
            intoLarge / intoSmall);
        if (round > 0) {
          rates.get(marked ? 2 : 0).add(intoLarge);
          rates.get(marked ? 3 : 1).add(intoSmall);
        }
      }
      for (int kind = 0; kind < 2; kind++) {
        double intoLarge = ScaleRuns.median(rates.get(2 * kind));
        double intoSmall = ScaleRuns.median(rates.get(2 * kind + 1));
        System.out.printf(
            Locale.ROOT,
            "%s, medians of %d rounds (round 0 left out; it warms the JIT): creates into %,d"
                + " instances %,.0f/s, into %,d %,.0f/s, %.2fx%n",
            kind == 1 ? "marked" : "unmarked",
            rounds,
            instances,
            intoLarge,
            SMALL,
            intoSmall,
            intoLarge / intoSmall);
      }
    } finally {
      Scratch.delete(top);
    }
  }

  private static double fill(Path root, int instances) throws Exception {
    AtomicInteger left = new AtomicInteger(instances);
    ExecutorService fillers = Executors.newFixedThreadPool(FILLERS);
    try (BenchRunStore store = ScaleRuns.open(root)) {
      mark(root, "-T"); // as a root made before Burrow marked it, or elsewhere than ext4
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < FILLERS; i++) {
        done.add(
            fillers.submit(
                () -> {
                  while (left.getAndDecrement() > 0) {
                    store.create(c -> c.putParam("text", BenchRun.TEXT));
                  }
                }));
      }
      for (Future<?> filler : done) {
        filler.get();
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      fillers.shutdown();
    }
  }

  /** Creates per second of one batch into {@code root}, cleaned up after it, untimed. */
  private static double batch(Path root) {
    String[] ids = new String[BATCH];
    double perSecond;
    try (BenchRunStore store = ScaleRuns.open(root)) {
      long start = System.nanoTime();
      for (int i = 0; i < BATCH; i++) {
        ids[i] = store.create(c -> c.putParam("text", BenchRun.TEXT)).id();
      }
      perSecond = BATCH / ((System.nanoTime() - start) / 1e9);
      for (String id : ids) {
        store.delete(id);
      }
    }
    if (trashEntries(root) > 0) {
      throw new IllegalStateException("the store closed with deleted trees left in " + root);
    }
    Machine.settle();
    return perSecond;
  }

  private static long trashEntries(Path root) {
    try (Stream<Path> stripes = Files.list(root.resolve(".burrow/trash"))) {
      long entries = 0;
      for (Path stripe : stripes.toList()) {
        try (Stream<Path> graves = Files.list(stripe)) {
          entries += graves.count();
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets ({@code +T}) or clears ({@code -T}) the attribute on the root's two areas. */
  private static void mark(Path root, String change) {
    for (String area : List.of(".burrow/staging", ".burrow/tmp")) {
      Processes.output(List.of("/usr/bin/chattr", change, root.resolve(area).toString()));
    }
  }
}
