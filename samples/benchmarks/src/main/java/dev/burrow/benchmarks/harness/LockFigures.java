package dev.burrow.benchmarks.harness;

import dev.burrow.benchmarks.LockBenchmark;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link LockBenchmark} through JMH (its declared fork, warm-up and measurement; a short
 * in-process run for smoke runs) and keeps the score of each method.
 */
final class LockFigures {

  /** A JMH score in nanoseconds per lock + unlock and its 99.9% error. */
  record Score(double nanos, double error) {}

  private final Map<String, Score> scores = new HashMap<>();

  /** Runs the benchmark. */
  static LockFigures measure(boolean quick) {
    ChainedOptionsBuilder options =
        new OptionsBuilder().include(LockBenchmark.class.getName().replace(".", "\\.") + "\\.");
    if (quick) {
      options
          .forks(0)
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(50))
          .measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(100));
    }
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } catch (RunnerException e) {
      throw new IllegalStateException("the lock benchmark failed: " + e, e);
    }
    LockFigures figures = new LockFigures();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      Result<?> primary = result.getPrimaryResult();
      figures.scores.put(
          benchmark.substring(benchmark.lastIndexOf('.') + 1),
          new Score(primary.getScore(), primary.getScoreError()));
    }
    return figures;
  }

  /** The score of a {@link LockBenchmark} method, by name. */
  Optional<Score> score(String method) {
    return Optional.ofNullable(scores.get(method));
  }
}
