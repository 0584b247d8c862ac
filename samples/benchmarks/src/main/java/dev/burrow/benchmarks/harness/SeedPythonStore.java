package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seeds' Python store ({@code seed_store_bench.py}, stdlib only), run with the machine's {@code
 * python3}: its own driver runs the five workloads on one data root and prints their timings as one
 * JSON line. It never calls fsync, so it is compared with Burrow's non-durable runs.
 */
final class SeedPythonStore {
  static final String SCRIPT = "seed_store_bench.py";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path script;

  private SeedPythonStore(Path script) {
    this.script = script;
  }

  /** The store in {@code peers}, if the file is there. */
  static Optional<SeedPythonStore> find(Path peers) {
    Path script = peers.resolve(SCRIPT);
    return Files.isRegularFile(script)
        ? Optional.of(new SeedPythonStore(script))
        : Optional.empty();
  }

  /** The command that runs {@code n} instances on {@code threads} threads under {@code root}. */
  List<String> command(Path root, int n, int threads) {
    return List.of(
        "python3",
        script.toString(),
        "--root",
        root.toString(),
        "--n",
        Integer.toString(n),
        "--threads",
        Integer.toString(threads));
  }

  /** Runs one cycle and records its five workloads and their create + update + list. */
  void cycle(Path workDir, int n, int threads, Measurements results) {
    Path root = Scratch.directory(workDir, "seed-python");
    try {
      JsonNode line = JSON.readTree(Processes.output(command(root, n, threads)));
      double create = line.get("create_s").asDouble();
      double update = line.get("update_s").asDouble();
      double list = line.get("list_s").asDouble();
      record(results, Workload.CREATE, threads, n, create);
      record(results, Workload.UPDATE, threads, n, update);
      record(results, Workload.GET, threads, n, line.get("get_s").asDouble());
      record(results, Workload.LIST, threads, n, list);
      record(results, Workload.DELETE, threads, n, line.get("delete_s").asDouble());
      record(results, Workload.CYCLE, threads, n, create + update + list);
    } finally {
      Scratch.delete(root);
    }
  }

  private static void record(
      Measurements results, Workload workload, int threads, int n, double seconds) {
    results.addTimed(
        new Measurements.Key(Contender.SEED_PYTHON, Durability.NONE, workload, threads, n),
        n,
        seconds);
  }
}
