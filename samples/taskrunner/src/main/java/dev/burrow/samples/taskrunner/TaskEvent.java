package dev.burrow.samples.taskrunner;

import java.time.Instant;

/**
 * One line of a task's event log.
 *
 * @param what {@code started}, {@code step}, {@code tested} or {@code finished}
 * @param detail what happened
 */
public record TaskEvent(Instant at, String worker, String what, String detail) {}
