package dev.burrow.samples.taskrunner;

import dev.burrow.InstanceLock;
import dev.burrow.SharedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The git repository every task's workspace is a worktree of: {@code <data root>/repo}, made with
 * one commit the first time it is needed. Every git command on it runs under one lock held across
 * threads and processes: concurrent {@code git worktree add}s in one repository fail now and then
 * (one reads the half-written metadata of another).
 */
final class Repository {
  /** The file every task reads from its checkout. */
  static final String INPUT = "input.txt";

  private static final String LOCK = "repository";

  private final Path directory;
  private final Git git;
  private final SharedFiles shared;

  Repository(Path directory, SharedFiles shared) {
    this.directory = directory;
    this.git = new Git(directory);
    this.shared = shared;
  }

  Path directory() {
    return directory;
  }

  /** Runs {@code git args...} in the repository under its lock; returns what git printed. */
  String git(String... args) {
    InstanceLock lock = shared.lock(LOCK);
    try {
      return git.run(args);
    } finally {
      lock.close();
    }
  }

  /**
   * Makes the repository unless it exists with its commit; safe when several runs start at once,
   * and after a run killed while it made the repository.
   */
  void ensureExists() {
    InstanceLock lock = shared.lock(LOCK);
    try {
      // Without .git, git would look in the directories above, which may be another repository.
      if (!Files.exists(directory.resolve(".git"))
          || !git.succeeds("rev-parse", "--verify", "--quiet", "HEAD")) {
        create();
      }
    } finally {
      lock.close();
    }
  }

  private void create() {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(INPUT), "the task runner's input\n");
      Files.writeString(
          directory.resolve("README.md"),
          "Every task of the task runner works in its own git worktree of this repository.\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the repository " + directory, e);
    }
    git.run("init", "-q");
    git.run("add", INPUT, "README.md");
    git.run("commit", "-q", "-m", "Task runner input");
  }
}
