package dev.burrow.samples.taskrunner;

import dev.burrow.InstanceLock;
import java.util.OptionalInt;

/** One worker thread's loop: claim the next free slot of the run, execute its task, repeat. */
final class Worker implements Runnable {
  private final DataRoot data;
  private final String runId;
  private final TaskExecutor executor;

  Worker(DataRoot data, String runId, String name) {
    this.data = data;
    this.runId = runId;
    this.executor = new TaskExecutor(data, runId, name);
  }

  @Override
  public void run() {
    for (OptionalInt slot = claim(); slot.isPresent(); slot = claim()) {
      executor.execute(slot.getAsInt());
    }
  }

  /**
   * Takes the next slot, or none when all are taken. Reading and writing under the run's lock (held
   * across threads and processes) makes the pair atomic, so no two workers get one slot.
   */
  private OptionalInt claim() {
    InstanceLock lock = data.runs().lock(runId);
    try {
      Run run = data.runs().get(runId);
      if (run.claimed() >= run.tasks()) {
        return OptionalInt.empty();
      }
      data.runs().update(runId, c -> c.claimed(run.claimed() + 1));
      return OptionalInt.of(run.claimed());
    } finally {
      lock.close();
    }
  }
}
