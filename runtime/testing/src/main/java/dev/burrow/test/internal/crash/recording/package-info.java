/**
 * A {@code java.nio.file} file system that records the operations a power cut could undo: the input
 * of the crash-state simulation.
 */
@NullMarked
package dev.burrow.test.internal.crash.recording;

import org.jspecify.annotations.NullMarked;
