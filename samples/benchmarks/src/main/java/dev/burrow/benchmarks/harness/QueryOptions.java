package dev.burrow.benchmarks.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query harness's command-line options; every default is the documented full run.
 *
 * @param args the arguments as given, for the report's exact command
 * @param out where {@code benchmarks.md} is
 * @param workDir where the stores keep their data (the disk being measured)
 * @param sizes the numbers of instances queried
 * @param matches how many instances of each size match the query
 * @param reps timed calls of each query (after the untimed warm-up ones); medians are reported
 * @param listFilterMax the largest size at which {@code list()} plus a filter is timed
 * @param postgresMax the largest size at which the PostgreSQL finder is timed (0: never)
 * @param updateN durable updates per timed repetition of the update-cost runs
 * @param probeN durable updates per strace flush probe
 * @param threads threads that create the instances
 * @param quick a smoke run: tiny sizes, one repetition
 */
record QueryOptions(
    List<String> args,
    Path out,
    Path workDir,
    List<Integer> sizes,
    int matches,
    int reps,
    int listFilterMax,
    int postgresMax,
    int updateN,
    int probeN,
    int threads,
    boolean quick) {

  static final String USAGE =
      """
      usage: QueryHarness [--out DIR] [--work-dir DIR] [--sizes 10000,100000,1000000]
                          [--matches M] [--reps R] [--list-filter-max N] [--postgres-max N]
                          [--update-n N] [--probe-n N] [--threads T] [--quick]
        --out DIR            where benchmarks.md is (default: docs)
        --work-dir DIR       where the stores keep their data (default: the temp directory)
        --sizes LIST         instances per query run (default 10000,100000,1000000)
        --matches M          instances that match the query at every size (default 100)
        --reps R             timed calls per query; medians are reported (default 11)
        --list-filter-max N  largest size at which list() plus a filter runs (default 100000)
        --postgres-max N     largest size with a PostgreSQL row, 0 for none (default 100000)
        --update-n N         durable updates per timed update-cost repetition (default 300)
        --probe-n N          durable updates per strace flush probe (default 200)
        --threads T          threads creating the instances (default 2)
        --quick              a smoke run: sizes 300 and 600, 10 matches, one repetition
      """;

  static QueryOptions parse(String... arguments) {
    List<String> args = List.of(arguments);
    boolean quick = args.contains("--quick");
    Path out = Path.of("docs");
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
    List<Integer> sizes = quick ? List.of(300, 600) : List.of(10_000, 100_000, 1_000_000);
    int matches = quick ? 10 : 100;
    int reps = quick ? 1 : 11;
    int listFilterMax = 100_000;
    int postgresMax = quick ? 0 : 100_000;
    int updateN = quick ? 10 : 300;
    int probeN = quick ? 5 : 200;
    int threads = 2;
    Map<String, String> given = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>(args);
    rest.remove("--quick");
    if (rest.size() % 2 != 0) {
      throw new IllegalArgumentException(
          "missing value after " + rest.get(rest.size() - 1) + "\n" + USAGE);
    }
    for (int i = 0; i < rest.size(); i += 2) {
      given.put(rest.get(i), rest.get(i + 1));
    }
    for (Map.Entry<String, String> option : given.entrySet()) {
      String flag = option.getKey();
      String value = option.getValue();
      switch (flag) {
        case "--out" -> out = Path.of(value);
        case "--work-dir" -> workDir = Path.of(value);
        case "--sizes" -> sizes = list(flag, value);
        case "--matches" -> matches = number(flag, value, 1);
        case "--reps" -> reps = number(flag, value, 1);
        case "--list-filter-max" -> listFilterMax = number(flag, value, 0);
        case "--postgres-max" -> postgresMax = number(flag, value, 0);
        case "--update-n" -> updateN = number(flag, value, 1);
        case "--probe-n" -> probeN = number(flag, value, 1);
        case "--threads" -> threads = number(flag, value, 1);
        default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
      }
    }
    for (int size : sizes) {
      if (size < 2 * matches || size % matches != 0) {
        throw new IllegalArgumentException(
            "--sizes: every size must be a multiple of --matches ("
                + matches
                + ") and at least"
                + " twice it, not "
                + size);
      }
    }
    return new QueryOptions(
        args,
        out,
        workDir,
        sizes,
        matches,
        reps,
        listFilterMax,
        postgresMax,
        updateN,
        probeN,
        threads,
        quick);
  }

  private static int number(String flag, String value, int min) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        flag + " needs a whole number of at least " + min + ", got '" + value + "'");
  }

  private static List<Integer> list(String flag, String value) {
    List<Integer> list = new ArrayList<>();
    for (String part : value.split(",")) {
      list.add(number(flag, part.trim(), 1));
    }
    return List.copyOf(list);
  }
}
