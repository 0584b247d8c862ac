package dev.burrow.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The harness's command-line options; every default is the documented full run.
 *
 * @param args the arguments as given, for the report's exact command
 * @param out where {@code benchmarks.md} and the chart are written
 * @param workDir where the systems keep their data (the disk being measured)
 * @param n instances per non-durable run
 * @param durableN instances per durable run (fsync makes each durable write cost milliseconds, so a
 *     full run at the non-durable size would take far longer)
 * @param jsonDbN documents per JsonDB run (and per Burrow run it is compared with)
 * @param reps repetitions of every run; medians are reported
 * @param threads thread counts for runs on distinct instances
 * @param contentionThreads threads updating one instance in the contention runs
 * @param probeN operations per fsync-counting probe
 * @param quick a smoke run: a short in-process lock benchmark and one JVM fsync probe
 * @param peers directory of the seeds' Python store
 * @param scale the instance counts of the scale section
 * @param sections the sections to run: {@code stores} (side by side) and {@code scale}
 */
record HarnessOptions(
    List<String> args,
    Path out,
    Path workDir,
    int n,
    int durableN,
    int jsonDbN,
    int reps,
    List<Integer> threads,
    int contentionThreads,
    int probeN,
    boolean quick,
    Path peers,
    List<Integer> scale,
    List<String> sections) {

  static final String USAGE =
      """
      usage: Harness [--out DIR] [--work-dir DIR] [--n N] [--durable-n N] [--jsondb-n N]
                     [--reps R] [--threads 1,2,8] [--contention-threads T] [--probe-n N]
                     [--quick] [--peers DIR] [--scale 1000,10000,...] [--only SECTION]
        --out DIR            where benchmarks.md and the chart go (default: docs)
        --work-dir DIR       where the systems store their data (default: the temp directory)
        --n N                instances per non-durable run (default 5000)
        --durable-n N        instances per durable run (default 500)
        --jsondb-n N         documents per JsonDB run (default 1000)
        --reps R             repetitions; medians are reported (default 3)
        --threads LIST       thread counts on distinct instances (default 1,2,8)
        --contention-threads T  threads updating one instance (default 8)
        --probe-n N          operations per strace fsync probe (default 200)
        --quick              a smoke run: tiny sizes, one repetition, a short lock benchmark
        --peers DIR          where seed_store_bench.py is (default: shared/peers beside the
                             repository)
        --scale LIST         instance counts of the scale section (default
                             1000,10000,100000,1000000; a million needs about 10 GB of disk)
        --only SECTION       run one section: stores (side by side) or scale
      """;

  /** The multiple of the non-durable contention run: updates per contention run = n / this. */
  static final int CONTENTION_DIVISOR = 5;

  /** Updates per contention run at the given size. */
  int contentionOps(int size) {
    return Math.max(1, size / CONTENTION_DIVISOR);
  }

  int maxThreads() {
    return Math.max(
        contentionThreads, threads.stream().mapToInt(Integer::intValue).max().orElse(1));
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the bad argument
   */
  static HarnessOptions parse(String... arguments) {
    List<String> args = List.of(arguments);
    boolean quick = args.contains("--quick");
    Path out = Path.of("docs");
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
    int n = quick ? 40 : 5_000;
    int durableN = quick ? 10 : 500;
    int jsonDbN = quick ? 20 : 1_000;
    int reps = quick ? 1 : 3;
    List<Integer> threads = List.of(1, 2, 8);
    int contentionThreads = 8;
    int probeN = quick ? 5 : 200;
    @Nullable Path peers = null;
    List<Integer> scale = quick ? List.of(100, 1_000) : List.of(1_000, 10_000, 100_000, 1_000_000);
    List<String> sections = List.of("stores", "scale");
    for (int i = 0; i < arguments.length; i++) {
      String flag = arguments[i];
      if (flag.equals("--quick")) {
        continue;
      }
      if (i + 1 >= arguments.length) {
        throw new IllegalArgumentException("missing value after " + flag + "\n" + USAGE);
      }
      String value = arguments[++i];
      switch (flag) {
        case "--out" -> out = Path.of(value);
        case "--work-dir" -> workDir = Path.of(value);
        case "--n" -> n = positive(flag, value);
        case "--durable-n" -> durableN = positive(flag, value);
        case "--jsondb-n" -> jsonDbN = positive(flag, value);
        case "--reps" -> reps = positive(flag, value);
        case "--threads" -> threads = positiveList(flag, value);
        case "--contention-threads" -> contentionThreads = positive(flag, value);
        case "--probe-n" -> probeN = positive(flag, value);
        case "--peers" -> peers = Path.of(value);
        case "--scale" -> scale = positiveList(flag, value);
        case "--only" -> sections = List.of(section(value));
        default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
      }
    }
    return new HarnessOptions(
        args,
        out,
        workDir,
        n,
        durableN,
        jsonDbN,
        reps,
        threads,
        contentionThreads,
        probeN,
        quick,
        peers != null ? peers : defaultPeers(),
        scale,
        sections);
  }

  /** Whether the section {@code name} ({@code stores} or {@code scale}) runs. */
  boolean runs(String name) {
    return sections.contains(name);
  }

  private static String section(String value) {
    if (!value.equals("stores") && !value.equals("scale")) {
      throw new IllegalArgumentException(
          "--only needs a section, stores or scale, got '" + value + "'");
    }
    return value;
  }

  private static int positive(String flag, String value) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        flag + " needs a positive whole number, got '" + value + "'");
  }

  private static List<Integer> positiveList(String flag, String value) {
    List<Integer> list = new ArrayList<>();
    for (String part : value.split(",")) {
      list.add(positive(flag, part.trim()));
    }
    return List.copyOf(list);
  }

  /**
   * {@code ../shared/peers} from the repository root (the first directory at or above the working
   * directory that holds {@code samples/benchmarks/pom.xml}); for a checkout nested deeper (a git
   * worktree), the first {@code shared/peers} holding the script beside one of the root's
   * ancestors.
   */
  private static Path defaultPeers() {
    Path root = Path.of("").toAbsolutePath();
    for (Path at = root; at != null; at = at.getParent()) {
      if (Files.isRegularFile(at.resolve("samples/benchmarks/pom.xml"))) {
        root = at;
        break;
      }
    }
    Path beside = root.resolveSibling("shared").resolve("peers");
    for (Path above = root.getParent(); above != null; above = above.getParent()) {
      Path peers = above.resolve("shared").resolve("peers");
      if (Files.isRegularFile(peers.resolve(SeedPythonStore.SCRIPT))) {
        return peers;
      }
    }
    return beside;
  }
}
