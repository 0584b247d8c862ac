/**
 * The crash tester: record what a workload does to the file system ({@link
 * dev.burrow.runtime.testing.crash.recording.RecordingFileSystem}), enumerate every state a power
 * cut could leave under a pessimistic model ({@link dev.burrow.runtime.testing.crash.CrashStates},
 * after the ALICE study), and check what a store opened on each state recovers ({@link
 * dev.burrow.runtime.testing.crash.CrashSimulation}). It knows no schema: a {@link
 * dev.burrow.runtime.testing.crash.CrashSimulation.Subject} says how to open, read and check the
 * store under test, so the same machinery runs on any generated store.
 */
@NullMarked
package dev.burrow.runtime.testing.crash;

import org.jspecify.annotations.NullMarked;
