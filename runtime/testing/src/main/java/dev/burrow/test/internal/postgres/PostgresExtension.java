package dev.burrow.test.internal.postgres;

import dev.burrow.test.internal.Prerequisites;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes a real PostgreSQL server ({@link LocalPostgres}): one per test run, shared by
 * every class that uses the extension, stopped when the run ends. Inject it as a parameter of type
 * {@link LocalPostgres}.
 *
 * <p>Without PostgreSQL binaries the tests are skipped with a message saying so, unless every test
 * is required ({@link Prerequisites#allRequired()}): then they fail, so CI can never pass by
 * skipping them.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalPostgres.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  /**
   * The run's server, started on first use.
   *
   * @throws org.opentest4j.TestAbortedException if this machine cannot run PostgreSQL (the test is
   *     skipped), unless every test is required: then {@link IllegalStateException}
   */
  public static LocalPostgres server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(LocalPostgres.class, key -> start(context), LocalPostgres.class);
  }

  /**
   * Starts a server with the binaries in the directory the configuration names ({@link
   * LocalPostgres#BINARIES_PROPERTY}, {@link LocalPostgres#BINARIES_VARIABLE}), else those found on
   * the {@code PATH} or where Debian installs them.
   */
  private static LocalPostgres start(ExtensionContext context) {
    String configured =
        context
            .getConfigurationParameter(LocalPostgres.BINARIES_PROPERTY)
            .orElseGet(() -> System.getenv(LocalPostgres.BINARIES_VARIABLE));
    try {
      return LocalPostgres.start(
          configured == null || configured.isBlank() ? null : Path.of(configured));
    } catch (LocalPostgres.Unavailable e) {
      String message = "PostgreSQL tests cannot run: " + e.getMessage();
      if (Prerequisites.allRequired()) {
        throw new IllegalStateException(
            message + " (every test is required here: failing instead of skipping)", e);
      }
      System.err.println("SKIPPED: " + message);
      return Assumptions.abort(message);
    }
  }
}
