package dev.burrow.runtime.internal.jfr;

import dev.burrow.VersionConflictException;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/**
 * {@code dev.burrow.VersionConflict}: a compare-and-set found another version stored than the one
 * expected (another writer came first).
 */
@Name("dev.burrow.VersionConflict")
@Label("Burrow Version Conflict")
@Description("A compare-and-set found another version stored: another writer came first.")
@Category({"Burrow", "Store"})
public final class VersionConflictEvent extends Event {
  @Label("Instance")
  @Nullable String instance;

  @Label("Expected Version")
  long expected;

  @Label("Stored Version")
  long stored;

  /** Records {@code conflict} if a recording takes the event. */
  public static void record(VersionConflictException conflict) {
    VersionConflictEvent event = new VersionConflictEvent();
    if (event.shouldCommit()) {
      event.instance = conflict.instanceId();
      event.expected = conflict.expectedVersion();
      event.stored = conflict.actualVersion();
      event.commit();
    }
  }
}
