package dev.burrow.cli;

import java.nio.file.Path;
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

  /** Where the store keeps instance {@code id}. */
  Path directoryOf(String id) {
    return Roots.directoryOf(root, id);
  }
}
