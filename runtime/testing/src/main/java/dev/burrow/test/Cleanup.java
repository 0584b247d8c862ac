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
   * @throws Error if a step threw one: the first, with every other failure suppressed
   * @throws StorageException if a step failed otherwise, with the first failure as its cause
   */
  @Override
  public void close() {
    List<Throwable> failures = new ArrayList<>();
    for (int i = steps.size() - 1; i >= 0; i--) {
      try {
        steps.get(i).close();
      } catch (Exception | Error e) {
        failures.add(e);
      }
    }
    steps.clear();
    if (failures.isEmpty()) {
      return;
    }
    Throwable first =
        failures.stream().filter(Error.class::isInstance).findFirst().orElse(failures.get(0));
    failures.stream().filter(other -> other != first).forEach(first::addSuppressed);
    if (first instanceof Error error) {
      throw error;
    }
    throw new StorageException("closing and removing " + subject + " failed: " + first, first);
  }

  /** Runs every step after {@code failure}, to which a failing step's exception is added. */
  void closeAfterFailure(Throwable failure) {
    try {
      close();
    } catch (StorageException | Error e) {
      failure.addSuppressed(e);
    }
  }
}
