package dev.burrow.postgres.internal;

import dev.burrow.internal.Printable;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a renewal every third of a lease's duration on a daemon thread of its own, so a held lease
 * has two more chances to be renewed before it expires. A failed round, whatever it throws, is
 * logged and the next one tries again; a lease that expires meanwhile fences its holder's writes.
 */
final class Renewer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  private final ScheduledExecutorService executor;
  private final ScheduledFuture<?> rounds;

  /** Only touched by the renewing thread. */
  private boolean failing;

  Renewer(String name, Duration leaseDuration, Runnable renewal) {
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, name);
              thread.setDaemon(true);
              return thread;
            });
    long period = periodMillis(leaseDuration);
    this.rounds =
        executor.scheduleWithFixedDelay(
            () -> {
              try {
                renewal.run();
                if (failing) {
                  failing = false;
                  LOG.log(System.Logger.Level.INFO, name + ": renewing works again");
                }
              } catch (RuntimeException e) {
                failing = true;
                LOG.log(
                    System.Logger.Level.WARNING,
                    Printable.line(name + ": renewal failed: " + e.getMessage()));
              } catch (Error e) {
                // an Error escaping the task would end the rounds for good, silently
                failing = true;
                LOG.log(System.Logger.Level.ERROR, name + ": renewal failed: " + e, e);
              }
            },
            period,
            period,
            TimeUnit.MILLISECONDS);
  }

  /** The time between two rounds for leases of {@code leaseDuration}: a third of it. */
  static long periodMillis(Duration leaseDuration) {
    return leaseDuration.toMillis() / 3;
  }

  /** Stops renewing; a round in progress is interrupted. */
  @Override
  public void close() {
    rounds.cancel(true);
    executor.shutdownNow();
  }
}
