package dev.burrow.runtime.internal.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Marks a directory of Burrow's in which many directories or files are made (the staging area where
 * every instance directory is born, the temporary area whose sessions hold every document's new
 * file) as the top of a directory hierarchy for ext4's inode allocator: the {@code T} attribute of
 * {@code chattr(1)}. ext4 places a directory made in a plain directory near its parent; once a
 * million instances have been made through one staging directory, the block groups around it are
 * full of their inodes, and every later {@code mkdir} there searches past them (on a 2-core VM: 440
 * µs a {@code mkdir} in the staging directory of a root of a million against 50 µs in a root of a
 * thousand, and 70 µs once marked; {@code docs/scale.md}). A directory made in a marked one is
 * placed in the group with the fewest directories instead, wherever it is.
 *
 * <p>Java 17 cannot set an inode's flags itself (that is an {@code ioctl}), so this runs {@code
 * chattr +T} (e2fsprogs), found at a fixed path and never through {@code PATH}. It is best effort:
 * on another file system, another system, or where {@code chattr} is missing or fails, nothing
 * changes and nothing is reported but a debug message. Cost: one short child process per directory,
 * run only when Burrow makes the directory (with a new data root), waited for at most {@link
 * #TIMEOUT_SECONDS} seconds.
 */
public final class SpreadDirectories {
  private static final System.Logger LOG = System.getLogger("dev.burrow");
  private static final List<Path> CHATTR =
      List.of(Path.of("/usr/bin/chattr"), Path.of("/bin/chattr"));
  private static final long TIMEOUT_SECONDS = 10;
  private static final @Nullable Path TOOL = find();

  private SpreadDirectories() {}

  /**
   * Gives {@code directory} (an existing directory Burrow has just made) the {@code T} attribute
   * where the system and its file system support it; does nothing elsewhere.
   */
  public static void mark(Path directory) {
    Path tool = TOOL;
    if (tool == null) {
      return;
    }
    Path target = directory.toAbsolutePath().normalize();
    try {
      Process process =
          new ProcessBuilder(tool.toString(), "+T", target.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        LOG.log(System.Logger.Level.DEBUG, "chattr +T {0} did not finish; left unmarked", target);
      } else if (process.exitValue() != 0) {
        LOG.log(
            System.Logger.Level.DEBUG,
            "chattr +T {0} exited with {1}; left unmarked",
            target,
            process.exitValue());
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot run chattr on " + target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static @Nullable Path find() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
      return null;
    }
    return CHATTR.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }
}
