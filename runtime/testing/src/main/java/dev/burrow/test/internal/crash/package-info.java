/**
 * The crash machinery behind {@link dev.burrow.test.CrashTester} and Burrow's own crash-state
 * suites: record what a workload does to the file system, in steps ({@link
 * dev.burrow.test.internal.crash.Recording} over a {@link
 * dev.burrow.test.internal.crash.recording.RecordingFileSystem}), enumerate every state a power cut
 * could leave under a pessimistic model ({@link dev.burrow.test.internal.crash.CrashStates}, after
 * the ALICE study), walk them knowing which step had returned ({@link
 * dev.burrow.test.internal.crash.CrashWalk}), and check what a store opened on each state recovers
 * ({@link dev.burrow.test.internal.crash.CrashSimulation} for Burrow's own before-or-after check).
 * It knows no schema, so it runs on any generated store.
 */
@NullMarked
package dev.burrow.test.internal.crash;

import org.jspecify.annotations.NullMarked;
