package dev.burrow.samples.taskrunner;

import dev.burrow.CreatedAt;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One run of the task runner: the summary every worker of every process updates under the run's
 * lock, so a lost update would show as a wrong count.
 *
 * @param tasks how many tasks the run makes
 * @param claimed how many task slots workers have taken
 * @param taskIds the IDs of the tasks made so far
 * @param steps build steps finished, over all tasks
 * @param succeeded tasks that succeeded
 * @param failed tasks that failed
 * @param finishedBy worker name to the number of tasks it finished
 * @param finishedAt when the last worker process exited
 */
@Instance(name = "runs")
public record Run(
    @InstanceId String id,
    @Version long version,
    @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt,
    int tasks,
    int claimed,
    List<String> taskIds,
    int steps,
    int succeeded,
    int failed,
    Map<String, Integer> finishedBy,
    @Nullable Instant finishedAt) {

  /** Tasks finished, either way. */
  public int finished() {
    return succeeded + failed;
  }
}
