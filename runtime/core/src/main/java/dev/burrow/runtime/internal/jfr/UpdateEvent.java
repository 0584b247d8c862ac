package dev.burrow.runtime.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/**
 * {@code dev.burrow.Update}: an instance was changed through {@code update}, {@code
 * updateOptimistic} or {@code compareAndSet}, retries included.
 */
@Name("dev.burrow.Update")
@Label("Burrow Update")
@Description(
    "An instance was changed through update, updateOptimistic or compareAndSet, retries included.")
public final class UpdateEvent extends OperationEvent {
  @Label("Method")
  @Nullable String method;

  /** Starts timing an update made through the store method {@code method}. */
  public UpdateEvent(String method) {
    if (isEnabled()) {
      this.method = method;
    }
  }
}
