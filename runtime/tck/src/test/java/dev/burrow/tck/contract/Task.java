package dev.burrow.tck.contract;

import dev.burrow.CreatedAt;
import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The instance type of the store contract; the processor generates {@code TaskStore} and the rest,
 * so the contract runs on generated code on every backend.
 */
@Instance(
    name = "contract-tasks",
    subdirectories = {"workspace", "logs"})
public record Task(
    @InstanceId String id,
    @Version long version,
    @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt,
    @Default("PENDING") Status status,
    long attempts,
    Map<String, String> labels,
    List<String> tags,
    @Nullable String note) {

  /** Where a task is. */
  public enum Status {
    PENDING,
    RUNNING,
    DONE
  }

  /** This task with one more attempt, for compare-and-set. */
  public Task attempted() {
    return new Task(id, version, createdAt, updatedAt, status, attempts + 1, labels, tags, note);
  }

  /** This task as if stored at {@code newVersion}, for compare-and-set with a chosen version. */
  public Task atVersion(long newVersion) {
    return new Task(id, newVersion, createdAt, updatedAt, status, attempts, labels, tags, note);
  }

  /** This task under another ID, for compare-and-set with a chosen ID. */
  public Task withId(String newId) {
    return new Task(newId, version, createdAt, updatedAt, status, attempts, labels, tags, note);
  }

  /** This task created at {@code time}, for compare-and-set with a chosen creation time. */
  public Task withCreatedAt(Instant time) {
    return new Task(id, version, time, updatedAt, status, attempts, labels, tags, note);
  }

  /** This task in {@code newStatus}, for compare-and-set with a chosen status. */
  public Task withStatus(Status newStatus) {
    return new Task(id, version, createdAt, updatedAt, newStatus, attempts, labels, tags, note);
  }

  /** This task with {@code newNote}, for compare-and-set with a chosen note. */
  public Task withNote(@Nullable String newNote) {
    return new Task(id, version, createdAt, updatedAt, status, attempts, labels, tags, newNote);
  }

  /** Adds one attempt: the change of an update. */
  public static void attempt(TaskChanges changes) {
    changes.attempts(changes.attempts() + 1);
  }
}
