package dev.burrow.runtime.internal.fs;

import dev.burrow.BurrowException;
import dev.burrow.InterruptedOperationException;
import dev.burrow.StorageException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The cause of a failure in words, for the message of the exception that reports it. */
public final class Failures {
  private Failures() {}

  /**
   * {@code failure} for a message such as {@code "cannot read X: " + describe(e)}, in words and
   * never by the name of its class: Burrow's own failures (a {@link
   * SafeFiles.RefusedFileException}, a {@link BurrowException}) by their message; a file system's
   * by the file it names and {@link #why} ({@code /data: permission denied}); any other by its
   * message, or by its class's simple name if it has none.
   */
  public static String describe(Throwable failure) {
    String message = failure.getMessage();
    boolean ours =
        failure instanceof SafeFiles.RefusedFileException || failure instanceof BurrowException;
    if (!ours && failure instanceof FileSystemException named && named.getFile() != null) {
      return named.getFile()
          + (named.getOtherFile() == null ? "" : " -> " + named.getOtherFile())
          + ": "
          + why(named);
    }
    return message != null ? message : failure.getClass().getSimpleName();
  }

  /**
   * What went wrong with a file, in words and without its name: {@code permission denied}, {@code
   * no such file or directory}, {@code it exists already}, {@code directory not empty}, {@code not
   * a directory}, or the reason the file system gave.
   */
  public static String why(FileSystemException failure) {
    if (failure instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (failure instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (failure instanceof FileAlreadyExistsException) {
      return "it exists already";
    }
    if (failure instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    if (failure instanceof NotDirectoryException) {
      return "not a directory";
    }
    String reason = failure.getReason();
    return reason != null ? reason : failure.getClass().getSimpleName();
  }

  /**
   * {@link #describe(Throwable)} for a message that names {@code named} already, such as {@code
   * "cannot open lock file X: " + describe(e, X)}: a refusal of {@code named} itself by its reason
   * alone, and a file system's failure on it by {@link #why}, so that the message names the path
   * once.
   */
  public static String describe(Throwable failure, Path named) {
    if (failure instanceof SafeFiles.RefusedFileException refused) {
      return refused.path().equals(named) ? refused.reason() : describe(failure);
    }
    return failure instanceof FileSystemException other
            && other.getOtherFile() == null
            && named.toString().equals(other.getFile())
        ? why(other)
        : describe(failure);
  }

  /**
   * Whether {@code failure} was caused by a permission this process lacks (an {@link
   * AccessDeniedException} in its causes): data it may not read is not damaged data, so a repair
   * leaves it where it is.
   */
  public static boolean isPermissionDenied(@Nullable Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof AccessDeniedException) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code denied} in words that say what to do: the file this process may not use, the user it
   * runs as, and that the data root's files must belong to that user.
   */
  public static String deniedAccess(AccessDeniedException denied) {
    String reason = denied.getReason();
    return denied.getFile()
        + ": permission denied"
        + (reason == null ? "" : " (" + reason + ")")
        + " to user '"
        + System.getProperty("user.name")
        + "'; run as the data root's owner, or give the file back to it";
  }

  /**
   * What a caller sees when {@code step} (such as {@code "cannot make DIR"}, naming the path {@code
   * named}) failed with {@code failure}: an {@link InterruptedOperationException} if an interrupt
   * of the calling thread closed the channel the step used (the thread's interrupt status stays
   * set), else a {@link StorageException}; each names the step and the failure, described as {@link
   * #describe(Throwable, Path)} does.
   */
  public static BurrowException ofStep(String step, Path named, IOException failure) {
    if (failure instanceof ClosedByInterruptException) {
      InterruptedException interrupted = new InterruptedException("interrupted: " + step);
      interrupted.initCause(failure);
      return new InterruptedOperationException(step + ": the thread was interrupted", interrupted);
    }
    return new StorageException(step + ": " + describe(failure, named), failure);
  }
}
