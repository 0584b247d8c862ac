package dev.burrow.runtime.internal.fs;

import dev.burrow.BurrowException;
import dev.burrow.InterruptedOperationException;
import dev.burrow.StorageException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The cause of a failure in words, for the message of the exception that reports it. */
public final class Failures {
  private Failures() {}

  /**
   * {@code failure} for a message such as {@code "cannot read X: " + describe(e)}: Burrow's own
   * failures (a {@link SafeFiles.RefusedFileException}, a {@link BurrowException}) by their message
   * alone, since their class names are internal; any other by its class and message, since the
   * class is what says what went wrong ({@code java.nio.file.AccessDeniedException: /path}).
   */
  public static String describe(Throwable failure) {
    String message = failure.getMessage();
    boolean ours =
        failure instanceof SafeFiles.RefusedFileException || failure instanceof BurrowException;
    return ours && message != null ? message : failure.toString();
  }

  /**
   * {@link #describe(Throwable)} for a message that names {@code named} already, such as {@code
   * "cannot open lock file X: " + describe(e, X)}: a refusal of {@code named} itself by its reason
   * alone, so that the message names the path once.
   */
  public static String describe(Throwable failure, Path named) {
    return failure instanceof SafeFiles.RefusedFileException refused && refused.path().equals(named)
        ? refused.reason()
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
