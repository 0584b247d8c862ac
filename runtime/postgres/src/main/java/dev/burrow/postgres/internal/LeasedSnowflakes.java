package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.MisuseException;
import dev.burrow.WorkerIdUnavailableException;
import dev.burrow.runtime.internal.id.SnowflakeGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The Snowflake generator of one store, on a worker number leased from the database on first use. A
 * generator whose lease was lost (a pause or an outage longer than the lease, after which its
 * high-water mark can no longer be recorded) is closed and replaced by one on a newly leased
 * number, so {@code create()} goes on; the lost generator made no ID beyond its last recorded mark,
 * and the next holder of its number starts after that mark.
 */
final class LeasedSnowflakes implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  private final PostgresWorkerIds workers;
  private final String kind;
  private @Nullable SnowflakeGenerator generator;
  private boolean closed;

  LeasedSnowflakes(PostgresWorkerIds workers, String kind) {
    this.workers = workers;
    this.kind = kind;
  }

  /**
   * A new ID; leases a new worker number if the current one was lost, and goes on with the new
   * generator if another thread replaced the current one (closing it) meanwhile.
   *
   * @throws MisuseException if this store was closed
   * @throws WorkerIdUnavailableException if the lease was lost and every number is leased now
   */
  String nextId() {
    return nextId(current());
  }

  /**
   * {@link #nextId()} from {@code current}, the generator the caller took from {@link #current()},
   * which another thread may have replaced since.
   */
  String nextId(SnowflakeGenerator current) {
    try {
      return current.nextId();
    } catch (WorkerIdUnavailableException lost) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the Snowflake worker lease of kind '"
              + kind
              + "' was lost ("
              + lost.getMessage()
              + "); leasing a new worker number");
      discard(current);
    } catch (MisuseException closed) {
      if (!replaced(current)) {
        throw closed;
      }
    }
    return current().nextId();
  }

  /** Whether {@code generator} was discarded: it is no longer the one IDs come from. */
  private synchronized boolean replaced(SnowflakeGenerator generator) {
    return generator != this.generator;
  }

  /** The generator IDs come from now, started on a newly leased number if there is none. */
  synchronized SnowflakeGenerator current() {
    if (closed) {
      throw new MisuseException(
          "the PostgreSQL store of kind '" + kind + "' was closed; open a new one");
    }
    if (generator == null) {
      generator = SnowflakeGenerator.builder(workers).build();
    }
    return generator;
  }

  /** Closes {@code lost} and, if IDs still come from it, makes the next call start another. */
  synchronized void discard(SnowflakeGenerator lost) {
    if (generator == lost) {
      generator = null;
    }
    try {
      lost.close();
    } catch (BurrowException e) {
      // its row is gone or taken over, or the database is away: the lease expires by itself
    }
  }

  /** Gives the worker number back and stops renewing. Idempotent. */
  @Override
  public void close() {
    SnowflakeGenerator last;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      last = generator;
      generator = null;
    }
    try {
      if (last != null) {
        last.close();
      }
    } finally {
      workers.close();
    }
  }
}
