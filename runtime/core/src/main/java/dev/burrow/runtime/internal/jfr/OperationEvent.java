package dev.burrow.runtime.internal.jfr;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/**
 * A store operation on one instance, timed from its start to its end, with the bytes of the
 * documents it read and wrote (counted by the codec on the operation's thread, only while a
 * recording takes the event). Create one per operation and run the operation through {@link
 * #record}.
 */
@Category({"Burrow", "Store"})
@StackTrace(false)
public abstract class OperationEvent extends Event {
  private static final ThreadLocal<@Nullable OperationEvent> CURRENT = new ThreadLocal<>();

  /** Threads whose current operation counts bytes; zero while no recording takes the events. */
  private static final AtomicInteger COUNTING = new AtomicInteger();

  @Label("Kind")
  @Nullable String kind;

  @Label("Instance")
  @Nullable String instance;

  @Label("Bytes Read")
  @DataAmount
  long bytesRead;

  @Label("Bytes Written")
  @DataAmount
  long bytesWritten;

  @Label("Outcome")
  @Nullable String outcome;

  private transient @Nullable OperationEvent outer;
  private transient boolean counting;

  /**
   * Runs {@code operation} timed as this event and commits the event if a recording takes it (and
   * its threshold is met). While no recording takes it, the cost is one check of the event's
   * enabled flag: the operation then runs directly, and this method is small enough for the JIT to
   * inline, so that neither the event nor the lambdas are allocated.
   *
   * @param outcome what happened, from the operation's result, such as {@code created}, {@code
   *     found} or {@code not found}; an operation that throws has the simple name of what it threw
   *     (an exception or an error) as its outcome
   */
  public final <R> R record(
      String kind, String instance, Supplier<R> operation, Function<R, String> outcome) {
    return isEnabled() ? timed(kind, instance, operation, outcome) : operation.get();
  }

  private <R> R timed(
      String kind, String instance, Supplier<R> operation, Function<R, String> outcome) {
    start();
    String happened = "failed";
    try {
      R result = operation.get();
      happened = outcome.apply(result);
      return result;
    } catch (RuntimeException | Error e) {
      happened = e.getClass().getSimpleName();
      throw e;
    } finally {
      finish(kind, instance, happened);
    }
  }

  /** Starts timing; counts the bytes the codec reads and writes on this thread meanwhile. */
  private void start() {
    begin();
    outer = CURRENT.get();
    CURRENT.set(this);
    counting = true;
    COUNTING.incrementAndGet();
  }

  /** Ends timing and commits the event if a recording takes it (and its threshold is met). */
  private void finish(String kind, String instance, String outcome) {
    end();
    if (counting) {
      counting = false;
      COUNTING.decrementAndGet();
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
    if (shouldCommit()) {
      this.kind = kind;
      this.instance = instance;
      this.outcome = outcome;
      commit();
    }
  }

  /** Counts {@code bytes} of a document read on this thread (by the codec). */
  public static void read(int bytes) {
    if (COUNTING.get() > 0) {
      OperationEvent current = CURRENT.get();
      if (current != null) {
        current.bytesRead += bytes;
      }
    }
  }

  /** Counts {@code bytes} of a document written on this thread (by the codec). */
  public static void written(int bytes) {
    if (COUNTING.get() > 0) {
      OperationEvent current = CURRENT.get();
      if (current != null) {
        current.bytesWritten += bytes;
      }
    }
  }
}
