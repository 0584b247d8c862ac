package dev.burrow.test;

import dev.burrow.StorageException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What removes one temporary store or database: its steps run in the reverse order of {@link #add},
 * when the test's context ends.
 */
final class Cleanup implements AutoCloseable {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TempStoreExtension.class);

  private final String subject;
  private final List<AutoCloseable> steps = new ArrayList<>();

  /**
   * @param subject what the steps remove ("the @TempStore of parameter 1 of ..."), for messages
   */
  Cleanup(String subject) {
    this.subject = subject;
  }

  void add(AutoCloseable step) {
    steps.add(step);
  }

  /** Leaves this cleanup in {@code context}'s store, which JUnit closes when the context ends. */
  void runWhenDone(ExtensionContext context) {
    context.getStore(NAMESPACE).put(this, this);
  }

  /**
   * Runs every step, even after one failed.
   *
   * @throws StorageException if any failed, with the first failure as its cause
   */
  @Override
  public void close() {
    Exception failure = null;
    for (int i = steps.size() - 1; i >= 0; i--) {
      try {
        steps.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    steps.clear();
    if (failure != null) {
      throw new StorageException(
          "closing and removing " + subject + " failed: " + failure, failure);
    }
  }

  /** Runs every step after {@code failure}, to which a failing step's exception is added. */
  void closeAfterFailure(Throwable failure) {
    try {
      close();
    } catch (StorageException e) {
      failure.addSuppressed(e);
    }
  }
}
