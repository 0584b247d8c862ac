package com.example.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.runs.TaskRun.Status;
import dev.burrow.test.CrashReport;
import dev.burrow.test.CrashTester;
import dev.burrow.test.TempStore;
import org.junit.jupiter.api.Test;

class TaskRunStoreTest {
  @Test
  void failingATask(@TempStore TaskRunStore tasks) {
    String id = tasks.create().id();
    tasks.update(id, c -> c.status(Status.DONE).error("step 2 differs"));
    assertEquals("step 2 differs", tasks.get(id).error());
  }

  @Test
  void failingATaskSurvivesAnyPowerCutWhole() {
    CrashReport report =
        CrashTester.forStore(TaskRunStore::open)
            .withSetUp(tasks -> tasks.create("task-1", c -> c.status(Status.RUNNING)))
            .run(
                tasks -> tasks.update("task-1", c -> c.status(Status.DONE).error("step 2 differs")),
                (tasks, cut) -> {
                  TaskRun task = tasks.get("task-1");
                  assertEquals(task.status() == Status.DONE, task.error() != null);
                  if (cut.operationReturned()) {
                    assertEquals(Status.DONE, task.status());
                  }
                });
    assertTrue(report.complete(), "every crash state was checked: " + report);
  }
}
