package com.example.runs;

import dev.burrow.EventBatch;
import dev.burrow.EventLog;
import dev.burrow.InstanceDirectory;
import dev.burrow.Session;
import dev.burrow.SessionFactory;
import dev.burrow.SharedDocument;
import dev.burrow.WorkspaceProvisioner;
import java.util.Optional;

public class Toolkit {
  record Step(String name) {}

  record Quota(int used) {}

  record Checkpoint(int step) {}

  record Model(String name) {
    static Model load() {
      return new Model("expensive");
    }
  }

  static void tools(TaskRunStore store, String id) {
    EventLog<Step> log = store.events(id, Step.class); // events/events.jsonl
    log.append(new Step("compiled"));
    EventBatch<Step> batch = log.read(0);
    System.out.println(batch.values() + " resume at " + batch.nextOffset());

    store.files(id).write("logs/checkpoint.json", new Checkpoint(3)); // atomic, durable
    Optional<Checkpoint> checkpoint =
        store.files(id).read("logs/checkpoint.json", Checkpoint.class);

    SharedDocument<Quota> quota = store.shared().document("quota", Quota.class, () -> new Quota(0));
    quota.update(q -> new Quota(q.used() + 1)); // read-modify-write under a host lock

    SessionFactory<TaskRun, Model> sessions = store.sessions(Model::load); // prepared once
    Session<TaskRun, Model> session = sessions.create();
    session.events(Step.class).append(new Step("started by " + session.prepared().name()));
    System.out.println(checkpoint + " " + session.dirs().subdirectory("workspace"));
  }

  static TaskRunStore withWorktrees(TaskRunStore store) {
    return store.withProvisioner(
        new WorkspaceProvisioner<>() {
          @Override
          public void provision(TaskRun run, InstanceDirectory dirs) {
            // e.g. git worktree add dirs.subdirectory("workspace")
          }

          @Override
          public void teardown(InstanceDirectory dirs) {
            // e.g. git worktree remove dirs.subdirectory("workspace")
          }
        });
  }
}
