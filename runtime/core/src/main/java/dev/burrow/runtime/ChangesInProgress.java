package dev.burrow.runtime;

import dev.burrow.runtime.internal.store.WriteInsideChangeException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The instances of one data root whose change each thread is running, so that a change block cannot
 * write the instance it changes, through this store or any other opened on the same root. Under
 * {@code update} the instance's lock is reentrant, so such a write would succeed and then be
 * overwritten by the change's own result, a lost update under one version number; under {@code
 * updateOptimistic} it would be kept while every attempt conflicts.
 */
final class ChangesInProgress {
  /** Per thread, the root and ID of each instance whose change it runs; absent when none. */
  private static final ThreadLocal<Set<String>> CHANGING = new ThreadLocal<>();

  private final String root;

  ChangesInProgress(Path root) {
    this.root = root.toAbsolutePath().normalize() + "\0";
  }

  /** Runs {@code change} of instance {@code id} on this thread. */
  <R> R during(String id, Supplier<R> change) {
    Set<String> keys = CHANGING.get();
    if (keys == null) {
      keys = new HashSet<>();
      CHANGING.set(keys);
    }
    String key = root + id;
    boolean outermost = keys.add(key);
    try {
      return change.get();
    } finally {
      if (outermost) {
        keys.remove(key);
        if (keys.isEmpty()) {
          CHANGING.remove();
        }
      }
    }
  }

  /**
   * Refuses {@code method} of instance {@code id} if this thread is running a change of it.
   *
   * @throws WriteInsideChangeException if it is
   */
  void refuseInside(String method, String id) {
    Set<String> keys = CHANGING.get();
    if (keys != null && keys.contains(root + id)) {
      throw new WriteInsideChangeException(
          method
              + " of instance '"
              + id
              + "' was called inside a change of that same instance; the change's result would"
              + " overwrite what it wrote, so nothing was written: return the changed value from"
              + " the change, or write once the change has returned");
    }
  }
}
