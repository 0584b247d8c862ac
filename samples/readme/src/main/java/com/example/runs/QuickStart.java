package com.example.runs;

import com.example.runs.TaskRun.Status;
import dev.burrow.InstanceLock;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import java.nio.file.Files;
import java.nio.file.Path;

public class QuickStart {
  public static void main(String[] args) throws Exception {
    try (TaskRunStore store = TaskRunStore.open(Path.of(args[0]))) {
      TaskRun run = store.create(c -> c.putParam("branch", "main")); // new ID, one write
      store.update(run.id(), c -> c.status(Status.RUNNING).putParam("attempt", "1"));
      Files.writeString(store.dirs(run.id()).logs().resolve("run.log"), "started\n");
      try (InstanceLock lock = store.lock(run.id())) { // threads and processes
        store.update(run.id(), c -> c.status(Status.DONE)); // reentrant for this thread
        System.out.println("finished " + lock.instanceIds());
      }
      Page<TaskRun> page = store.list(PageRequest.first(20)); // newest first
      page.items().forEach(System.out::println);
      page.problems().forEach(damaged -> System.out.println("damaged: " + damaged.getMessage()));
    }
  }
}
