/**
 * The side-by-side store harness: Burrow's generated store on the filesystem backend against the
 * bare durable-replace protocol, SQLite, PostgreSQL, JsonDB and the seeds' Python store, run as a
 * command ({@link dev.burrow.benchmarks.harness.Harness}), writing {@code docs/benchmarks.md} and
 * its chart.
 */
@NullMarked
package dev.burrow.benchmarks.harness;

import org.jspecify.annotations.NullMarked;
