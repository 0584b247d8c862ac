package dev.burrow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Tests of the command on a fresh root of {@link Roots#threeJobs three jobs} each. */
abstract class OnThreeJobs {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path work;
  Path root = Path.of("unset");

  @BeforeEach
  void threeJobs() throws Exception {
    root = work.resolve("root");
    Roots.threeJobs(root);
  }

  JobStore open() {
    return Roots.open(root);
  }

  /** Runs {@code burrow args} in a child JVM to its end. */
  Cli.Result burrow(String... args) throws Exception {
    return Cli.run(work, args);
  }

  /**
   * {@code export} of the root to {@code jobs.jsonl} with its directories to {@code jobs.tar}, then
   * {@code more} arguments.
   */
  String[] exportWithDirectories(String... more) {
    return exportWithDirectories(work.resolve("jobs.tar"), more);
  }

  /**
   * {@code export} of the root to {@code jobs.jsonl} with its directories to {@code archive}, then
   * {@code more} arguments.
   */
  String[] exportWithDirectories(Path archive, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--root",
                root.toString(),
                "--out",
                work.resolve("jobs.jsonl").toString(),
                "--dirs",
                archive.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Where the store keeps instance {@code id}. */
  Path directoryOf(String id) {
    return Roots.directoryOf(root, id);
  }
}
