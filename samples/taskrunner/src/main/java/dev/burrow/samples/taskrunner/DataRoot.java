package dev.burrow.samples.taskrunner;

import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.internal.store.DataRoots;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the runner keeps under its data root, open:
 *
 * <pre>
 * &lt;root&gt;/instances/&lt;id&gt;/   the tasks ({@link TaskRunStore}), each with its git worktree
 * &lt;root&gt;/runs/             the runs ({@link RunStore}), a data root of their own
 * &lt;root&gt;/repo/             the repository the worktrees belong to
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
    this.repository =
        new Repository(
            root.resolve("repo"),
            plain.instanceStore().backend().localLocks(),
            plain.instanceStore().options().lockTimeout());
    this.tasks = plain.withProvisioner(new GitWorktrees(repository));
    this.runs = RunStore.open(root.resolve("runs"));
  }

  /**
   * The root the way {@code TaskRunStore.open()} finds it: the flag, the environment, the default.
   */
  static Path resolve(@Nullable Path flag, Map<String, String> environment) {
    return DataRoots.resolve(
        TaskRunSchema.INSTANCE.layout(), flag, environment::get, System.getProperty("user.home"));
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

  FileEventLog<TaskEvent> events(String taskId) {
    return FileEventLog.of(tasks.instanceStore(), taskId, TaskEvent.class);
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
