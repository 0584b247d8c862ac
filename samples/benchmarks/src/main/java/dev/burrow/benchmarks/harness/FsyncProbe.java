package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process that {@link FsyncCounts} runs under {@code strace}: it opens the system without
 * fsync and makes what the workload needs (the instances an update, delete or get works on; nothing
 * for a create), then opens it durably and runs {@code n} operations of the workload on one thread.
 * A run with {@code n = 0} makes the same opens and closes, so what they cost is subtracted. Also
 * run by hand under {@code strace -f -c} to count the system calls of a workload (gets included).
 *
 * <p>Arguments: system, workload, n, directory (all as {@link FsyncCounts} passes them).
 */
public final class FsyncProbe {
  private FsyncProbe() {}

  /** Runs the probe; exits non-zero with a message on failure. */
  public static void main(String[] args) {
    Contender system = Contender.valueOf(args[0]);
    Workload workload = Workload.valueOf(args[1]);
    int n = Integer.parseInt(args[2]);
    Path directory = Path.of(args[3]);
    Subjects subjects = Subjects.local(system, 1);
    List<String> ids = StoreRuns.ids(n);
    try (Subject setup = subjects.open(directory, Durability.NONE)) {
      if (workload != Workload.CREATE) {
        ids.forEach(setup::create);
      }
    }
    try (Subject subject = subjects.open(directory, Durability.FSYNC)) {
      for (String id : ids) {
        switch (workload) {
          case CREATE -> subject.create(id);
          case UPDATE -> subject.update(id);
          case DELETE -> subject.delete(id);
          case GET -> subject.get(id);
          default -> throw new IllegalArgumentException("no probe for " + workload);
        }
      }
    }
  }
}
