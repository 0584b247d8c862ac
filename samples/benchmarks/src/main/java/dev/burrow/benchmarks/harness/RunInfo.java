package dev.burrow.benchmarks.harness;

import java.util.List;
import java.util.Optional;

/**
 * The facts of one harness run the report states besides the figures.
 *
 * @param options what was asked for
 * @param machine where it ran
 * @param loadBefore load averages when the run started
 * @param loadAfter load averages when the measurements ended
 * @param seconds how long the run took
 * @param notes things the run could not do (a missing peer, no strace), said in the report
 * @param postgres the PostgreSQL server's version and durability settings, if it ran
 */
record RunInfo(
    HarnessOptions options,
    Machine machine,
    String loadBefore,
    String loadAfter,
    double seconds,
    List<String> notes,
    Optional<String> postgres) {}
