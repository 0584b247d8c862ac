package dev.burrow.test;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CrashTester} found a crash state on which the invariant failed, or on which the store
 * could not be opened or read: a test failure. The message says where the power was cut, what the
 * recovered data root holds and why the state was refused; the cause is what the invariant threw
 * (with what the store's close then threw attached as suppressed), or what the store's open or
 * close threw if the invariant held.
 *
 * <p>It is the one throwable of the test kit that is no {@link dev.burrow.BurrowException}, on
 * purpose: it is a test's failed assertion, reported as a failure as JUnit's own are, and code that
 * catches Burrow's exceptions (or {@code RuntimeException}) never swallows it.
 */
public final class CrashInvariantError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient PowerCut powerCut;
  private final transient Path recoveredRoot;

  CrashInvariantError(
      String message, PowerCut powerCut, Path recoveredRoot, @Nullable Throwable cause) {
    super(message, cause);
    this.powerCut = powerCut;
    this.recoveredRoot = recoveredRoot;
  }

  /** Where the power was cut. */
  public PowerCut powerCut() {
    return powerCut;
  }

  /**
   * The recovered data root the invariant failed on, left on disk for inspection (in the tester's
   * working directory, which a failed run does not remove).
   */
  public Path recoveredRoot() {
    return recoveredRoot;
  }
}
