package dev.burrow.runtime.internal.jfr;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/**
 * {@code dev.burrow.Flush}: a file's data or a directory's entries were forced to the device
 * ({@code fsync}); the event's duration is the flush's.
 */
@Name("dev.burrow.Flush")
@Label("Burrow Flush")
@Description("A file or a directory was forced to the device (fsync).")
@Category({"Burrow", "Files"})
@StackTrace(false)
public final class FlushEvent extends Event {
  @Label("Path")
  @Nullable String path;

  @Label("Directory")
  boolean directory;

  @Label("Failure")
  @Description("Why the flush failed, or null")
  @Nullable String failure;

  /** A flush to run and record. */
  @FunctionalInterface
  public interface Flush {
    /**
     * Forces something to the device.
     *
     * @throws IOException if the flush fails
     */
    void run() throws IOException;
  }

  /** {@code channel.force(metaData)}, recorded as a flush of {@code path}. */
  public static void force(FileChannel channel, boolean metaData, Path path, boolean directory)
      throws IOException {
    record(path, directory, () -> channel.force(metaData));
  }

  /** Runs {@code flush}, recorded as a flush of {@code path}, with its failure if it fails. */
  public static void record(Path path, boolean directory, Flush flush) throws IOException {
    FlushEvent event = new FlushEvent();
    event.begin();
    String failure = null;
    try {
      flush.run();
    } catch (IOException | RuntimeException | Error e) {
      failure = e.toString();
      throw e;
    } finally {
      event.end();
      if (event.shouldCommit()) {
        event.path = path.toString();
        event.directory = directory;
        event.failure = failure;
        event.commit();
      }
    }
  }
}
