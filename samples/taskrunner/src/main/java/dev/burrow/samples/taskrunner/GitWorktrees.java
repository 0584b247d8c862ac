package dev.burrow.samples.taskrunner;

import dev.burrow.InstanceDirectory;
import dev.burrow.WorkspaceProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prepares each task's {@code workspace} as a {@code git worktree} of the runner's repository
 * (detached at its HEAD) and removes the worktree when the task is deleted. Both hooks are
 * idempotent, as {@link WorkspaceProvisioner} asks.
 */
final class GitWorktrees implements WorkspaceProvisioner<TaskRun> {
  private final Repository repository;

  GitWorktrees(Repository repository) {
    this.repository = repository;
  }

  @Override
  public void provision(TaskRun task, InstanceDirectory dirs) {
    repository.git("worktree", "add", "-q", "--detach", workspace(dirs).toString(), "HEAD");
  }

  @Override
  public void teardown(InstanceDirectory dirs) {
    Path workspace = workspace(dirs);
    if (Files.exists(workspace.resolve(".git"))) {
      repository.git("worktree", "remove", "--force", workspace.toString());
    } else {
      repository.git("worktree", "prune");
    }
  }

  private static Path workspace(InstanceDirectory dirs) {
    return dirs.subdirectory("workspace");
  }
}
