package dev.burrow.runtime.internal.lock;

import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import dev.burrow.MisuseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Takes several locks as one, in a single global order, so that two callers wanting overlapping
 * sets can never deadlock: whoever gets the first common lock gets them all. Locks are released in
 * reverse order.
 */
public final class OrderedLocks {

  /** Takes one lock, waiting at most {@code timeout}. */
  @FunctionalInterface
  public interface LockOne {
    /**
     * Takes the lock on {@code name}.
     *
     * @throws LockTimeoutException if it is not free within {@code timeout}
     */
    InstanceLock lock(String name, Duration timeout);
  }

  private OrderedLocks() {}

  /**
   * Takes the locks of all {@code names} in {@code order}; names that the order ranks equal are
   * locked once. All locks share one deadline: the whole call waits at most {@code timeout}. On any
   * failure the locks taken so far are released before the exception propagates. Only the locks
   * taken by one call are ordered: a thread that already holds a lock of the set may deadlock with
   * another caller.
   *
   * @throws LockTimeoutException naming the first lock that was not free in time, and {@code
   *     timeout}
   * @throws MisuseException if {@code names} is empty
   */
  public static InstanceLock lockAll(
      Collection<String> names, Duration timeout, Comparator<String> order, LockOne lockOne) {
    if (names.isEmpty()) {
      throw new MisuseException("lockAll needs at least one name");
    }
    TreeMap<String, List<String>> ranked = new TreeMap<>(order);
    for (String name : names) {
      List<String> equals = ranked.computeIfAbsent(name, n -> new ArrayList<>());
      if (!equals.contains(name)) {
        equals.add(name);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<InstanceLock> held = new ArrayList<>(ranked.size());
    try {
      for (String name : ranked.keySet()) {
        long left = Math.max(0, deadline - System.nanoTime());
        try {
          held.add(lockOne.lock(name, Duration.ofNanos(left)));
        } catch (LockTimeoutException timedOut) {
          throw withCallersTimeout(timedOut, timeout);
        }
      }
    } catch (RuntimeException | Error e) {
      RuntimeException release = closeInReverse(held);
      if (release != null) {
        e.addSuppressed(release);
      }
      throw e;
    }
    List<String> all = ranked.values().stream().flatMap(List::stream).toList();
    return new Combined(all, held);
  }

  /**
   * The timeout of one lock, restated with the whole call's {@code timeout}: the caller waited that
   * long, not the part of it left for the lock that was not free.
   */
  private static LockTimeoutException withCallersTimeout(
      LockTimeoutException timedOut, Duration timeout) {
    LockTimeoutException whole = new LockTimeoutException(timedOut.instanceId(), timeout);
    whole.initCause(timedOut);
    return whole;
  }

  /** Closes every lock, last first, and returns the first failure with the others suppressed. */
  private static @Nullable RuntimeException closeInReverse(List<InstanceLock> held) {
    RuntimeException first = null;
    for (int i = held.size() - 1; i >= 0; i--) {
      try {
        held.get(i).close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    return first;
  }

  private static final class Combined implements InstanceLock {
    private final List<String> names;
    private final List<InstanceLock> held;
    private boolean closed;

    Combined(List<String> names, List<InstanceLock> held) {
      this.names = names;
      this.held = held;
    }

    @Override
    public List<String> instanceIds() {
      return names;
    }

    /**
     * The fencing token of the one grant this lock holds, where its backend issues one; empty when
     * it holds several, each with a token of its own.
     */
    @Override
    public OptionalLong fencingToken() {
      return held.size() == 1 ? held.get(0).fencingToken() : OptionalLong.empty();
    }

    /**
     * Releases every lock, last first.
     *
     * @throws MisuseException if called from a thread that does not hold them; all stay held
     */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      held.get(held.size() - 1).close();
      closed = true;
      RuntimeException failure = closeInReverse(held.subList(0, held.size() - 1));
      if (failure != null) {
        throw failure;
      }
    }
  }
}
