package dev.burrow.samples.taskrunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The git repository every task's workspace is a worktree of: {@code <data root>/repo}, made
 * with one commit the first time it is needed.
 */
final class Repository {
  /** The file every task reads from its checkout. */
  static final String INPUT = "input.txt";

  private final Path directory;

  Repository(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  Git git() {
    return new Git(directory);
  }

  /** Makes the repository unless it exists. Call it under a lock that every creator takes. */
  void ensureExists() {
    if (Files.exists(directory.resolve(".git"))) {
      return;
    }
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(INPUT), "the task runner's input\n");
      Files.writeString(directory.resolve("README.md"),
          "Every task of the task runner works in its own git worktree of this repository.\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the repository " + directory, e);
    }
    Git git = git();
    git.run("init", "-q");
    git.run("add", INPUT, "README.md");
    git.run("commit", "-q", "-m", "Task runner input");
  }
}
