/**
 * The task runner: the README's main job. It runs many task instances across worker threads and
 * child processes that share one data root, each task in its own git worktree, and then proves that
 * no update was lost.
 */
@NullMarked
package dev.burrow.samples.taskrunner;

import org.jspecify.annotations.NullMarked;
