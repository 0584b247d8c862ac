package dev.burrow.runtime.testing;

import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * A data root on a recording file system that refuses to list one of its directories, as a
 * directory its process may not read does: "permission denied".
 */
public final class UnlistableDirectory {
  private UnlistableDirectory() {}

  /** The file system over {@code realRoot} on which {@code directory} can never be listed. */
  public static RecordingFileSystem over(Path realRoot, Path directory) throws IOException {
    return over(realRoot, directory, () -> true);
  }

  /**
   * The file system over {@code realRoot} on which {@code directory} cannot be listed while {@code
   * denied} says so.
   */
  public static RecordingFileSystem over(Path realRoot, Path directory, BooleanSupplier denied)
      throws IOException {
    return RecordingFileSystem.over(
        realRoot,
        path -> true,
        new RecordingFileSystem.Hooks() {
          @Override
          public void beforeList(Path real) throws IOException {
            if (denied.getAsBoolean() && real.normalize().equals(directory)) {
              throw new AccessDeniedException(real.toString());
            }
          }
        });
  }
}
