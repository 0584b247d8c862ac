/** JMH benchmarks of Burrow, run as a command (see {@code docs/benchmarks.md}). */
@NullMarked
package dev.burrow.benchmarks;

import org.jspecify.annotations.NullMarked;
