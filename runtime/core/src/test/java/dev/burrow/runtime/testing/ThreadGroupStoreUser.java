package dev.burrow.runtime.testing;

import static dev.burrow.runtime.testing.CounterSchema.STATUS;

import dev.burrow.Durability;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child main: in a thread of a thread group of its own, as {@code mvn exec:java} runs a program,
 * opens the counters at {@code args[0]} with {@code status} indexed, creates one under a generated
 * ID (claiming a worker lease), updates it (writing the index's journal), deletes it and closes the
 * store; then, as {@code exec:java} does at a program's end, interrupts every thread of that group
 * still alive and waits for it at most 15 seconds, prints the name of each that is still alive
 * then, one per line, and {@code done}.
 */
public final class ThreadGroupStoreUser {
  private ThreadGroupStoreUser() {}

  public static void main(String[] args) throws InterruptedException {
    ThreadGroup group = new ThreadGroup("user");
    Thread user =
        new Thread(
            group,
            () -> {
              try (CounterStore store =
                  Stores.counters(
                      Path.of(args[0]), Durability.FSYNC, CounterSchema.indexing(STATUS))) {
                String id = store.create().id();
                store.update(id, counter -> counter.withStatus("RUNNING"));
                store.delete(id);
              }
            },
            "user-main");
    user.start();
    user.join();
    Thread[] alive = new Thread[group.activeCount() + 8];
    int count = group.enumerate(alive);
    for (Thread thread : Arrays.copyOf(alive, count)) {
      thread.interrupt();
      thread.join(15_000);
      if (thread.isAlive()) {
        System.out.println(thread.getName());
      }
    }
    System.out.println("done");
  }
}
