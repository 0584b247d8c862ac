package dev.burrow.runtime.internal.fs;

import dev.burrow.internal.Printable;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * changes and nothing is reported but a debug message. {@code chattr} follows a link: a directory
 * swapped for one after the caller's check gains the attribute, which only decides where
 * directories made in it later are placed, nothing else. A root's directories are marked once: an
 * empty file records that it was tried ({@link #markOnce}). Cost: one short child process for all
 * the directories, waited for at most {@link #TIMEOUT_SECONDS} seconds, on the first open of a root
 * by a Burrow that marks; one {@code lstat} of the record at every other open.
 */
public final class SpreadDirectories {
  private static final System.Logger LOG = System.getLogger("dev.burrow");
  private static final List<Path> CHATTR =
      List.of(Path.of("/usr/bin/chattr"), Path.of("/bin/chattr"));
  private static final long TIMEOUT_SECONDS = 10;
  private static final @Nullable Path TOOL = find();

  private SpreadDirectories() {}

  /**
   * Marks {@code directories} (one run of {@code chattr +T}) unless {@code record} exists, and then
   * makes {@code record} (an empty owner-only file, made without following a link) so that later
   * calls do nothing; whether the marking took effect or not, it is not tried again. Does nothing,
   * not even the record, where {@code chattr} is missing. The caller checks the way to {@code
   * record}.
   */
  public static void markOnce(Path record, List<Path> directories) {
    Path tool = TOOL;
    if (tool == null || Files.exists(record, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    mark(tool, directories);
    try {
      Files.newByteChannel(
              record,
              Set.of(
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS),
              OwnerOnly.fileAttributes(record))
          .close();
    } catch (FileAlreadyExistsException e) {
      // another process marked the root meanwhile
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          Printable.line("cannot record the marking in " + record + ": " + Failures.describe(e)));
    }
  }

  /**
   * Gives {@code directories} (existing directories of Burrow's) the {@code T} attribute, in one
   * run of {@code tool}, where the system and its file system support it; does nothing elsewhere. A
   * directory {@code chattr} cannot mark does not stop it marking the others.
   */
  private static void mark(Path tool, List<Path> directories) {
    List<String> command = new ArrayList<>(List.of(tool.toString(), "+T"));
    directories.forEach(
        directory -> command.add(directory.toAbsolutePath().normalize().toString()));
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        LOG.log(
            System.Logger.Level.DEBUG,
            "{0} did not finish; left unmarked",
            Printable.line(String.valueOf(command)));
      } else if (process.exitValue() != 0) {
        LOG.log(
            System.Logger.Level.DEBUG,
            "{0} exited with {1}; what it could not mark is left unmarked",
            Printable.line(String.valueOf(command)),
            process.exitValue());
      }
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          Printable.line("cannot run " + command + ": " + Failures.describe(e)));
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
