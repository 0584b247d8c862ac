package dev.burrow.runtime.internal.filestore;

import java.nio.file.Path;

/**
 * Something a crash (or a process exiting without closing its store) left under {@code .burrow/}
 * that the sweep removes ({@link RootMaintenance#sweep}), and what it is: never user data, and no
 * work in progress of a live process but for {@link Kind#TRASH}, which has no owner to ask.
 */
public record Leftover(Path location, Kind kind) {
  /** What left it. */
  public enum Kind {
    /**
     * A directory in {@code .burrow/staging/} of a create that never finished: its instance was
     * never published.
     */
    STAGING,
    /** An entry in {@code .burrow/trash/}: the files of a deleted instance not yet removed. */
    TRASH,
    /**
     * A session in {@code .burrow/tmp/} of a process that is gone (its lease is not locked) that
     * holds temporary files: writes it never finished, none of which became a file of the root. The
     * empty session a process leaves when it exits is swept too, but is no leftover.
     */
    TEMPORARY
  }
}
