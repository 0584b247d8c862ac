package dev.burrow.runtime;

import dev.burrow.MisuseException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The instances whose change each thread is running, so that a change block cannot write the
 * instance it changes: the instance's lock is reentrant, so such a write would succeed and then be
 * overwritten by the change's own result, a lost update under one version number.
 */
final class ChangesInProgress {
  private final ThreadLocal<Set<String>> changing = ThreadLocal.withInitial(HashSet::new);

  /** Runs {@code change} of instance {@code id} on this thread. */
  <R> R during(String id, Supplier<R> change) {
    Set<String> ids = changing.get();
    boolean outermost = ids.add(id);
    try {
      return change.get();
    } finally {
      if (outermost) {
        ids.remove(id);
      }
    }
  }

  /**
   * Refuses {@code method} of instance {@code id} if this thread is running a change of it.
   *
   * @throws MisuseException if it is
   */
  void refuseInside(String method, String id) {
    if (changing.get().contains(id)) {
      throw new MisuseException(
          method
              + " of instance '"
              + id
              + "' was called inside a change of that same instance; the change's result would"
              + " overwrite what it wrote, so nothing was written: return the changed value from"
              + " the change, or write once the change has returned");
    }
  }
}
