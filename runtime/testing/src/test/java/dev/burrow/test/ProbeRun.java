package dev.burrow.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.TestDatabases;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a probe test class in its own JUnit run, as a user's build would, with {@code server} as its
 * configured database (its URL in {@code burrow.test.postgres.url}), so that what the kit leaves
 * there once the run is over can be checked.
 */
final class ProbeRun {
  private ProbeRun() {}

  static TestExecutionSummary run(Class<?> probe, LocalPostgres server) {
    return run(probe, Map.of(TestDatabases.URL_PROPERTY, server.jdbcUrl()));
  }

  /** Runs {@code probe} with {@code configuration} as its JUnit configuration parameters. */
  static TestExecutionSummary run(Class<?> probe, Map<String, String> configuration) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(probe))
            .configurationParameters(configuration)
            .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    return listener.getSummary();
  }

  /** The one failure of {@code summary}'s run. */
  static Throwable onlyFailure(TestExecutionSummary summary) {
    List<TestExecutionSummary.Failure> failures = summary.getFailures();
    if (failures.size() != 1) {
      throw new AssertionError("expected one failure, got " + failures);
    }
    return failures.get(0).getException();
  }
}
