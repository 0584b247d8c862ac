package dev.burrow.runtime.internal.fs;

import java.io.IOException;

/**
 * Runs calls into the JDK's file system code that JDK 17 lets throw its internal {@code
 * sun.nio.fs.UnixException}, a checked exception it does not declare: it throws one when closing a
 * descriptor it opened itself fails (EIO, ENOSPC), as setting a path's file times, closing a
 * directory handle ({@link java.nio.file.SecureDirectoryStream}, which {@link
 * java.nio.file.Files#newDirectoryStream} gives on Linux) or copying between paths does. Such an
 * exception passes every {@code catch (IOException e)}; here it becomes an {@link IOException}.
 */
public final class UndeclaredFailures {
  private UndeclaredFailures() {}

  /** A call that may throw an {@link IOException}, or an exception it does not declare. */
  @FunctionalInterface
  public interface Call {
    /** Makes the call. */
    void run() throws IOException;
  }

  /**
   * Makes {@code call}.
   *
   * @param failing what fails if it does, for the message ({@code "cannot close " + path})
   * @throws IOException as {@code call} throws it, or in place of a checked exception it throws
   *     without declaring it, with the message {@code failing + ": " +} that exception's message
   */
  public static void run(Call call, String failing) throws IOException {
    try {
      call.run();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception undeclared) {
      throw new IOException(failing + ": " + undeclared.getMessage(), undeclared);
    }
  }
}
