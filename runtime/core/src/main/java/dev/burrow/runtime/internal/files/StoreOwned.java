package dev.burrow.runtime.internal.files;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The entries of an instance's directory that belong to the store, not to the application, on every
 * backend:
 *
 * <pre>
 * &lt;instance&gt;/instance.json          the filesystem backend's document
 * &lt;instance&gt;/events/               the event log's directory
 * &lt;instance&gt;/events/events.jsonl   the event log
 * </pre>
 *
 * <p>The PostgreSQL backend keeps its documents in the database, yet {@code instance.json} is
 * refused there too: an export archives an instance's files next to its document and leaves out any
 * {@code instance.json}, so a file of that name would be lost when the instance moves between
 * backends, and code that works on one backend works on the other. The temporary files of an atomic
 * write ({@code .~burrow-<random>.tmp}, see {@code AtomicFiles}) need no entry: their names start
 * with {@code .} and contain {@code ~}, which the name rules refuse anyway. Names are compared
 * ignoring case, as a case-insensitive file system (macOS, Windows) would.
 */
public final class StoreOwned {
  /** The filesystem backend's document, at the top of an instance's directory. */
  public static final String DOCUMENT = "instance.json";

  /** The directory of the event log, at the top of an instance's directory. */
  public static final String EVENTS_DIRECTORY = "events";

  /** The event log, relative to its instance's directory. */
  public static final String EVENT_LOG = EVENTS_DIRECTORY + "/events.jsonl";

  private StoreOwned() {}

  /**
   * Why the path whose first segment is {@code firstSegment} belongs to the store, or null if it is
   * the application's.
   */
  static @Nullable String owner(String firstSegment) {
    String name = firstSegment.toLowerCase(Locale.ROOT);
    if (name.equals(DOCUMENT)) {
      return "\""
          + DOCUMENT
          + "\" is the instance's document, which the store owns; keep such data in the"
          + " instance's components";
    }
    if (name.equals(EVENTS_DIRECTORY)) {
      return "\""
          + EVENTS_DIRECTORY
          + "/\" holds the instance's event log, which the store owns; append to it through"
          + " the store's events(id, type)";
    }
    return null;
  }
}
