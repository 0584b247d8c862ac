package dev.burrow.cli.output;

import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.Parents;
import dev.burrow.runtime.internal.store.DataRoots;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * A file named on the command line that a command writes (an export, its archive), put in place
 * whole or not at all: the output goes to a new file beside it, {@code .NAME.burrow-partial-HEX},
 * which {@link #commit} flushes to the device and renames over the file. Until then the file keeps
 * what it held (a previous export stays whole if this one fails or is interrupted), and {@link
 * #close} without a commit removes the partial file, as does the JVM's exit on SIGINT or SIGTERM. A
 * file that exists and is no regular file (a FIFO, {@code /dev/stdout}, a directory), or a link
 * that points nowhere, is written, or refused, as it is: it is not replaced. A file replaced keeps
 * its permission bits (not its owner or group: the file put in place is the command's user's); a
 * new one is made readable and writable by its owner only (0600), as the data root's own files are,
 * whatever the umask: an export holds every document of the root. Cost: the {@code fsync} of the
 * file and of its directory at the commit.
 */
public final class OutputFile implements AutoCloseable {
  private static final Path DISCARDED = Path.of("/dev/null");

  /** The command's stdout, where Linux names it. */
  public static final Path STDOUT = Path.of("/dev/stdout");

  private final Path target;
  private final @Nullable Path partial;
  private final OutputStream stream;
  private final @Nullable FileChannel channel;
  private boolean committed;

  private OutputFile(
      Path target, @Nullable Path partial, OutputStream stream, @Nullable FileChannel channel) {
    this.target = target;
    this.partial = partial;
    this.stream = stream;
    this.channel = channel;
  }

  /**
   * Opens {@code file} for the command's output.
   *
   * @throws FileSystemException naming {@code file} if no file can be made beside it (no such
   *     directory, permission denied), or, for one that is no regular file, if it cannot be opened
   */
  public static OutputFile open(Path file) throws IOException {
    if (Files.exists(file) ? !Files.isRegularFile(file) : Files.isSymbolicLink(file)) {
      return new OutputFile(file, null, Files.newOutputStream(file), null);
    }
    Path real = DataRoots.fixed(file);
    Path partial =
        real.resolveSibling(
            "."
                + real.getFileName()
                + ".burrow-partial-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    FileChannel channel;
    try {
      // Owner-only from its creation, never readable by others even while it is written.
      channel =
          FileChannel.open(
              partial,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              OwnerOnly.fileAttributes(partial));
    } catch (FileSystemException e) {
      throw new FileSystemException(file.toString(), null, Damage.why(e));
    }
    partial.toFile().deleteOnExit();
    if (Files.isRegularFile(real)
        && real.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(partial, Files.getPosixFilePermissions(real));
    }
    return new OutputFile(
        real, partial, new BufferedOutputStream(Channels.newOutputStream(channel)), channel);
  }

  /**
   * Refuses an output file named on the command line that cannot be written where it is, before the
   * root is opened or anything is written: a directory (which opening names only as {@code Is a
   * directory}), or a path whose directory is missing or no directory (which opening names as the
   * file itself missing). Costs a look at the file and at each of its parents up to the first that
   * exists; writes nothing.
   *
   * @param option how the command line gave it, for the message ({@code "--out"})
   * @param expected what the option takes ({@code "give " + expected})
   * @throws IllegalArgumentException if {@code file} is a directory (a wrong command line)
   * @throws FileSystemException naming the nearest directory on its way that is missing ({@code no
   *     such directory}), or the nearest existing one that is no directory
   */
  public static void requirePlace(Path file, String option, String expected)
      throws FileSystemException {
    String given = option + " " + Printable.escaped(file.toString());
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(given + " is a directory; give " + expected);
    }
    Path missing = null;
    for (Path at = file.toAbsolutePath().getParent(); at != null; at = at.getParent()) {
      if (Files.exists(at)) {
        if (!Files.isDirectory(at)) {
          throw new FileSystemException(
              at.toString(), null, "not a directory, so " + given + " cannot be written");
        }
        break;
      }
      if (!Files.notExists(at)) {
        return; // cannot be told (permission denied): opening the file names why
      }
      missing = at;
    }
    if (missing != null) {
      throw new FileSystemException(
          missing.toString(), null, "no such directory, so " + given + " cannot be written");
    }
  }

  /**
   * Refuses two outputs of one command that are one file (the same path, a link to the other, a
   * second name of it, stdout redirected to it), whose writes would interleave: {@code oneName} and
   * {@code otherName} say how the command line gave each. {@code /dev/null} may take both. Costs a
   * real-path lookup of each and, if both exist, a look at each; writes nothing.
   *
   * @throws IllegalArgumentException naming both
   */
  public static void requireApart(Path one, String oneName, Path other, String otherName) {
    boolean same;
    try {
      same = DataRoots.fixed(one).equals(DataRoots.fixed(other)) || Files.isSameFile(one, other);
    } catch (IOException notBoth) {
      same = false; // one does not exist yet, and its path is not the other's: apart
    }
    if (same && !DataRoots.fixed(other).equals(DISCARDED)) {
      throw new IllegalArgumentException(
          oneName
              + " and "
              + otherName
              + " are the same file, where the two outputs would overwrite each other, so nothing"
              + " was written; give each a file of its own");
    }
  }

  /** Where the output goes until {@link #commit}. */
  public OutputStream stream() {
    return stream;
  }

  /**
   * Puts the output in place of the file: flushes it to the device, renames it over the file and
   * flushes the directory.
   *
   * @throws IOException if a step fails; the file then holds what it held before, unless the
   *     directory's flush failed after the rename
   */
  public void commit() throws IOException {
    stream.flush();
    if (channel == null || partial == null) {
      return;
    }
    channel.force(true);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
    AtomicFiles.forceDirectory(Parents.of(target));
  }

  /** Closes the output; removes the partial file if it was not {@link #commit committed}. */
  @Override
  public void close() throws IOException {
    try {
      stream.close();
    } finally {
      if (partial != null && !committed) {
        Files.deleteIfExists(partial);
      }
    }
  }
}
