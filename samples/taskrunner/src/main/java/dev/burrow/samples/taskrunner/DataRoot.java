package dev.burrow.samples.taskrunner;

import dev.burrow.EventLog;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the runner keeps under its data root, open:
 *
 * <pre>
 * &lt;root&gt;/instances/&lt;shard&gt;/&lt;shard&gt;/&lt;id&gt;/  the tasks ({@link TaskRunStore}), each with its git worktree
 * &lt;root&gt;/runs/                           the runs ({@link RunStore}), a data root of their own
 * &lt;root&gt;/repo/                           the repository the worktrees belong to
 * </pre>
 */
final class DataRoot implements AutoCloseable {
  private final Path root;
  private final TaskRunStore tasks;
  private final RunStore runs;
  private final Repository repository;

  private DataRoot(Path root) {
    this.root = root;
    TaskRunStore plain = TaskRunStore.open(root);
    this.repository = new Repository(root.resolve("repo"), plain.shared());
    this.tasks = plain.withProvisioner(new GitWorktrees(repository));
    this.runs = RunStore.open(root.resolve("runs"));
  }

  /**
   * The root the way {@code TaskRunStore.open()} finds it: the flag, else {@code
   * $TASKRUNNER_DATA_DIR}, else {@code ~/.taskrunner}. The runner hands it to its worker processes
   * and keeps its other stores beside the tasks.
   */
  static Path resolve(@Nullable Path flag, Map<String, String> environment) {
    if (flag != null) {
      return flag.toAbsolutePath().normalize();
    }
    String variable = environment.get("TASKRUNNER_DATA_DIR");
    if (variable != null && !variable.isBlank()) {
      return Path.of(variable).toAbsolutePath().normalize();
    }
    return Path.of(System.getProperty("user.home"), ".taskrunner");
  }

  static DataRoot open(Path root) {
    return new DataRoot(root);
  }

  Path path() {
    return root;
  }

  TaskRunStore tasks() {
    return tasks;
  }

  RunStore runs() {
    return runs;
  }

  Repository repository() {
    return repository;
  }

  EventLog<TaskEvent> events(String taskId) {
    return tasks.events(taskId, TaskEvent.class);
  }

  @Override
  public void close() {
    try {
      runs.close();
    } finally {
      tasks.close();
    }
  }
}
