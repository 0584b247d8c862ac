package com.example.runs;

import dev.burrow.Default;
import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.PageRequest;
import dev.burrow.Version;

@Instance(name = "jobs")
public record Job(
    @InstanceId String id,
    @Version long version,
    @Indexed @Default("QUEUED") State state,
    @Indexed String owner) {

  public enum State {
    QUEUED,
    RUNNING,
    DONE
  }

  static void find(JobStore store) {
    // Reads only the matching documents, newest first, with the listing's paging.
    var running = store.findByState(State.RUNNING, PageRequest.first(50));
    long queued = store.countByState(State.QUEUED);
    // AND of indexed components, through the generated JobIndex constants.
    var mine =
        store.where(JobIndex.OWNER.equalTo("ana")).and(JobIndex.STATE.equalTo(State.DONE)).list();
    System.out.println(running.items().size() + " running, " + queued + " queued, " + mine);
  }
}
