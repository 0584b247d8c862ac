package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Reads from a Burrow store that has just been opened, beside the bare protocol: the harness's read
 * phases get each instance right after the same store wrote it, so Burrow's document cache serves
 * them, while a new process (a command-line tool, a task runner's command) or a root larger than
 * the cache reads every document from its file. Each round opens a new store on the same root (its
 * cache empty), times a random {@code get} of every instance and a listing, and then the same again
 * on that store (cached); the bare protocol reads its own copy of the instances in the same order.
 * The page cache holds every file throughout, so what differs is Burrow's own work.
 *
 * <p>Arguments: instances (default 20,000), rounds (default 7), work directory (default the
 * temporary directory). Prints each round and the medians.
 */
public final class ColdReads {
  private ColdReads() {}

  /** Runs the comparison and prints it. */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path work = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
    List<String> ids = StoreRuns.ids(n);
    List<String> shuffled = new ArrayList<>(ids);
    Collections.shuffle(shuffled, new Random(7));
    Path burrowRoot = Scratch.directory(work, "burrow");
    Path bareRoot = Scratch.directory(work, "bare");
    Subjects burrow = Subjects.local(Contender.BURROW, 1);
    try (Subject filled = burrow.open(burrowRoot, Durability.NONE);
        Subject bare = Subjects.local(Contender.BARE, 1).open(bareRoot, Durability.NONE)) {
      ids.forEach(filled::create);
      ids.forEach(bare::create);
    }
    double[][] ratios = new double[4][rounds];
    try (Subject bare = Subjects.local(Contender.BARE, 1).open(bareRoot, Durability.NONE)) {
      for (int round = 0; round < rounds; round++) {
        double bareGet = rate(n, () -> shuffled.forEach(bare::get));
        double bareList = rate(n, bare::list);
        try (Subject fresh = burrow.open(burrowRoot, Durability.NONE)) {
          double coldGet = rate(n, () -> shuffled.forEach(fresh::get));
          double cachedGet = rate(n, () -> shuffled.forEach(fresh::get));
          try (Subject other = burrow.open(burrowRoot, Durability.NONE)) {
            double coldList = rate(n, other::list);
            double cachedList = rate(n, fresh::list);
            ratios[0][round] = coldGet / bareGet;
            ratios[1][round] = cachedGet / bareGet;
            ratios[2][round] = coldList / bareList;
            ratios[3][round] = cachedList / bareList;
            System.out.printf(
                Locale.ROOT,
                "round %d: get bare %,.0f/s, new store %,.0f/s (%.2fx), cached %,.0f/s (%.2fx);"
                    + " list bare %,.0f/s, new store %,.0f/s (%.2fx), cached %,.0f/s (%.2fx)%n",
                round,
                bareGet,
                coldGet,
                ratios[0][round],
                cachedGet,
                ratios[1][round],
                bareList,
                coldList,
                ratios[2][round],
                cachedList,
                ratios[3][round]);
          }
        }
      }
    } finally {
      Scratch.delete(burrowRoot);
      Scratch.delete(bareRoot);
    }
    System.out.printf(
        Locale.ROOT,
        "medians over %d rounds of %,d instances, Burrow over the bare protocol: get new store"
            + " %.2fx, cached %.2fx; list new store %.2fx, cached %.2fx (round 0 included; it warms"
            + " the JIT)%n",
        rounds,
        n,
        median(ratios[0]),
        median(ratios[1]),
        median(ratios[2]),
        median(ratios[3]));
  }

  private static double rate(int count, Runnable reads) {
    return count / Phase.seconds(reads);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
