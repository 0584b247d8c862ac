package dev.burrow.samples.taskrunner;

import dev.burrow.CreatedAt;
import dev.burrow.Default;
import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One task instance. Its directory holds a {@code workspace} (a git worktree of the runner's
 * repository), {@code logs} and {@code events} (the event log).
 *
 * @param status where it is; indexed, so {@code list --status} reads only the matching tasks
 * @param runId the run that made it; indexed, so a run's tasks are found without reading others
 * @param slot its number within the run; the {@link Plan} of the slot says what it does
 * @param worker the process and thread that ran it
 * @param history every status it went through, in order
 * @param outputs step name to the name of the file it wrote in the workspace
 * @param error why it failed
 */
@Instance(
    name = "task-runs",
    subdirectories = {"workspace", "logs", "events"},
    dataRootEnv = "TASKRUNNER_DATA_DIR",
    defaultDataRoot = "~/.taskrunner")
public record TaskRun(
    @InstanceId String id,
    @Version long version,
    @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt,
    @Indexed @Default("PENDING") Status status,
    @Indexed String runId,
    int slot,
    String worker,
    List<Status> history,
    Map<String, String> outputs,
    @Nullable String error) {}
