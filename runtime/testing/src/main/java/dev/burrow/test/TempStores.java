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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Opens the stores of {@link TempStore} and leaves in the test's context what removes them. */
final class TempStores {
  private TempStores() {}

  /**
   * Opens a store of {@code type} for {@code where} (a parameter or field, for messages), closed
   * and removed when {@code context} ends.
   */
  static Object open(Class<?> type, TempStore settings, String where, ExtensionContext context) {
    Cleanup cleanup = new Cleanup("the @TempStore of " + where);
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
      cleanup.runWhenDone(context);
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

  /**
   * What the store's {@code open} threw that is neither a {@code RuntimeException} nor an {@code
   * Error} (a checked exception, which Kotlin code can throw), as its cause, carried out of {@link
   * #open}: a field's is thrown as it is, a parameter's is the cause of JUnit's {@code
   * ParameterResolutionException}.
   */
  static final class CheckedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckedFailure(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Checks that a {@code @TempStore(storage = POSTGRES)} on {@code where} has a database: the test
   * class's {@link TestDatabase} (not read here), else a server, as {@link #open} takes them.
   *
   * @throws org.opentest4j.TestAbortedException if there is no server (the test is skipped), unless
   *     every test is required: then {@link IllegalStateException}
   */
  static void checkDatabase(String where, ExtensionContext context) {
    if (!DeclaredDatabase.isDeclared(context.getRequiredTestClass())) {
      TestDatabases.requireStoreServer(context, where);
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
    throw new ExtensionConfigurationException(
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
      throw new CheckedFailure(
          "@TempStore on " + where + ": opening the store failed: " + cause, cause);
    } catch (IllegalAccessException e) {
      throw new ExtensionConfigurationException(
          "@TempStore on "
              + where
              + ": cannot call "
              + open
              + ": "
              + e.getMessage()
              + " (a store in a named module must open its package to dev.burrow.test)",
          e);
    }
  }
}
