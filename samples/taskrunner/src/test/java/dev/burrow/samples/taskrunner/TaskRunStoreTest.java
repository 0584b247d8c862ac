package dev.burrow.samples.taskrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.test.CrashReport;
import dev.burrow.test.CrashTester;
import dev.burrow.test.TempStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The task store as the runner uses it, with Burrow's test kit: each test gets a fresh store
 * ({@code @TempStore}), and finishing a task is checked against every power cut ({@link
 * CrashTester}).
 */
class TaskRunStoreTest {
  private static final List<Status> LIFE =
      List.of(Status.RUNNING, Status.TESTING, Status.SUCCEEDED);

  @Test
  void aTaskRecordsEveryStatusItWentThrough(@TempStore TaskRunStore tasks) {
    String id = tasks.create(c -> c.runId("run-1").slot(1).addHistory(Status.PENDING)).id();
    for (Status status : LIFE) {
      tasks.update(id, c -> c.status(status).addHistory(status));
    }

    TaskRun task = tasks.get(id);
    assertEquals(Status.SUCCEEDED, task.status());
    assertEquals(
        List.of(Status.PENDING, Status.RUNNING, Status.TESTING, Status.SUCCEEDED), task.history());
    assertEquals(1 + LIFE.size(), task.version());
  }

  @Test
  void stepsRecordedByManyWorkersAtOnceAreAllKept(@TempStore TaskRunStore tasks)
      throws InterruptedException {
    String id = tasks.create().id();
    int workers = 4;
    int steps = 10;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      Thread thread =
          new Thread(
              () -> {
                awaitQuietly(start);
                for (int step = 1; step <= steps; step++) {
                  String name = "w" + worker + "-step-" + step;
                  tasks.update(id, c -> c.putOutput(name, name + ".txt"));
                }
              });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    Map<String, String> outputs = tasks.get(id).outputs();
    assertEquals(workers * steps, outputs.size(), outputs.toString());
  }

  @Test
  void aFinishedTaskSurvivesAnyPowerCutWhole() {
    CrashReport report =
        CrashTester.forStore(TaskRunStore::open)
            .withSetUp(
                tasks ->
                    tasks.create(
                        "task-1",
                        c ->
                            c.runId("run-1")
                                .status(Status.TESTING)
                                .addHistory(Status.PENDING)
                                .addHistory(Status.TESTING)))
            .run(
                tasks ->
                    tasks.update(
                        "task-1",
                        c ->
                            c.status(Status.FAILED)
                                .addHistory(Status.FAILED)
                                .error("step 2: output differs")),
                (tasks, cut) -> {
                  TaskRun task = tasks.get("task-1");
                  assertEquals(task.history().get(task.history().size() - 1), task.status());
                  assertEquals(task.status() == Status.FAILED, task.error() != null);
                  if (cut.operationReturned()) {
                    assertEquals(Status.FAILED, task.status(), cut.toString());
                  }
                });

    assertTrue(report.complete(), report.toString());
    assertTrue(report.distinctStates() > 1, report.toString());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
