package dev.burrow.test;

import dev.burrow.Backend;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.test.internal.Trees;
import dev.burrow.test.internal.postgres.TestDatabases;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** Opens the stores of {@link TempStore} and leaves in the test's context what removes them. */
final class TempStores {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TempStoreExtension.class);

  private TempStores() {}

  /**
   * Opens a store of {@code type} for {@code where} (a parameter or field, for messages), closed
   * and removed when {@code context} ends.
   */
  static Object open(Class<?> type, TempStore settings, String where, ExtensionContext context) {
    Cleanup cleanup = new Cleanup(where);
    try {
      Path root = Files.createTempDirectory("burrow-test-");
      cleanup.add(() -> Trees.delete(root));
      StoreOptions options =
          StoreOptions.defaults().withDataRoot(root).withDurability(settings.durability());
      Object store;
      if (settings.storage() == TempStore.Storage.POSTGRES) {
        TestDatabases.Namespace namespace =
            TestDatabases.namespaceFor(
                context, where, DeclaredDatabase.of(context.getRequiredTestClass(), where));
        cleanup.add(namespace);
        store = invoke(opener(type, where, Backend.class), where, namespace.backend(), options);
      } else {
        store = invoke(opener(type, where), where, options);
      }
      if (store instanceof AutoCloseable closeable) {
        cleanup.add(closeable);
      }
      context.getStore(NAMESPACE).put(cleanup, cleanup);
      return store;
    } catch (IOException e) {
      cleanup.closeAfterFailure(e);
      throw new StorageException(
          "cannot create a temporary data root for " + where + ": " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      cleanup.closeAfterFailure(e);
      throw e;
    }
  }

  /** The type's public static {@code open} taking {@code StoreOptions} after {@code leading}. */
  private static Method opener(Class<?> type, String where, Class<?>... leading) {
    Class<?>[] parameters = new Class<?>[leading.length + 1];
    System.arraycopy(leading, 0, parameters, 0, leading.length);
    parameters[leading.length] = StoreOptions.class;
    try {
      Method open = type.getMethod("open", parameters);
      if (Modifier.isStatic(open.getModifiers()) && type.isAssignableFrom(open.getReturnType())) {
        return open;
      }
    } catch (NoSuchMethodException e) {
      // reported below, with what the type must have
    }
    throw new ParameterResolutionException(
        "@TempStore on "
            + where
            + ": "
            + type.getName()
            + " has no public static "
            + type.getSimpleName()
            + " open("
            + (leading.length == 0 ? "" : "Backend, ")
            + "StoreOptions); @TempStore gives the stores Burrow's annotation processor generates"
            + " (XStore for an @Instance type X)");
  }

  private static Object invoke(Method open, String where, Object... arguments) {
    try {
      return open.invoke(null, arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new ParameterResolutionException(
          "@TempStore on " + where + ": opening the store failed: " + cause, cause);
    } catch (IllegalAccessException e) {
      throw new ParameterResolutionException(
          "@TempStore on " + where + ": cannot call " + open + ": " + e.getMessage(), e);
    }
  }

  /** What removes one temporary store: closed in the reverse order of {@link #add}. */
  private static final class Cleanup implements AutoCloseable {
    private final String where;
    private final List<AutoCloseable> steps = new ArrayList<>();

    Cleanup(String where) {
      this.where = where;
    }

    void add(AutoCloseable step) {
      steps.add(step);
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
            "closing and removing the @TempStore of " + where + " failed: " + failure, failure);
      }
    }

    void closeAfterFailure(Throwable failure) {
      try {
        close();
      } catch (StorageException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
