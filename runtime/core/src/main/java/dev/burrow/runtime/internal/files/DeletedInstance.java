package dev.burrow.runtime.internal.files;

import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Tells an instance deleted under a handle of its files or event log from a failure of storage. A
 * handle ({@code files(id)}, {@code events(id)}) is taken once and used later, and a delete
 * meanwhile takes the instance's directory away: a file or directory then missing on the way is no
 * failure a caller should retry, but an instance that no longer exists.
 */
public final class DeletedInstance {
  private DeletedInstance() {}

  /**
   * Whether the instance of {@code directory} is gone: its directory, or a directory on the way to
   * it from {@code dataRoot} (a delete also removes the shard it empties), is missing. Anything
   * else found on the way (a link, a file) is not taken for a delete; the caller's own failure
   * reports it. Cost: one {@code lstat} per directory on the way.
   */
  public static boolean isGone(Path dataRoot, InstanceDirectory directory) {
    try {
      SafeFiles.checkDirectory(dataRoot, directory.root());
      return false;
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** That the instance of {@code directory} does not exist, with what showed it as the cause. */
  public static InstanceNotFoundException notFound(InstanceDirectory directory, Throwable cause) {
    InstanceNotFoundException gone = new InstanceNotFoundException(directory.instanceId());
    gone.initCause(cause);
    return gone;
  }
}
