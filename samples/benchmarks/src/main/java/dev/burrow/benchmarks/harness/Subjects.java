package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import java.nio.file.Path;

/** Opens a system under test on a fresh directory. */
@FunctionalInterface
interface Subjects {

  /** The system, ready for the workloads, keeping its data under {@code directory}. */
  Subject open(Path directory, Durability durability);

  /** The systems that run in this JVM on the local disk; {@code connections} for SQLite. */
  static Subjects local(Contender system, int connections) {
    return switch (system) {
      case BURROW -> BurrowSubject::onFiles;
      case BARE -> BareProtocolSubject::new;
      case SQLITE ->
          (directory, durability) -> new SqliteSubject(directory, durability, connections);
      case JSONDB -> (directory, durability) -> new JsonDbSubject(directory);
      case POSTGRES, SEED_PYTHON ->
          throw new IllegalArgumentException(
              system.label + " does not run on a local directory in this JVM");
    };
  }
}
