package com.example.runs;

import com.example.runs.TaskRun.Status;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.PruneReport;
import java.time.Duration;

public class Housekeeping {
  static void pages(TaskRunStore store) {
    // Newest first, 100 at a time; the cursor survives creates and deletes between calls.
    for (PageRequest request = PageRequest.first(100); request != null; ) {
      Page<TaskRun> page = store.list(request);
      page.items().forEach(run -> System.out.println(run.id() + " " + run.status()));
      page.problems().forEach(damaged -> System.out.println("damaged: " + damaged.getMessage()));
      request = page.next();
    }
    // Lazily, one page in memory however many runs there are.
    long running = store.stream().filter(run -> run.status() == Status.RUNNING).count();
    System.out.println(running + " running");
  }

  static void retention(TaskRunStore store) {
    // Each run is deleted under its lock, as delete does; memory stays bounded.
    PruneReport old = store.deleteOlderThan(Duration.ofDays(30));
    PruneReport failed = store.prune(run -> run.error() != null);
    System.out.println(old.deleted() + " old and " + failed.deleted() + " failed runs removed");
  }
}
