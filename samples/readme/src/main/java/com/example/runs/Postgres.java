package com.example.runs;

import com.example.runs.TaskRun.Status;
import dev.burrow.StoreOptions;
import dev.burrow.postgres.PostgresOptions;
import java.time.Duration;
import javax.sql.DataSource;

public class Postgres {
  static void shared(DataSource db) { // a pool, e.g. HikariCP over jdbc:postgresql://db:5432/app
    try (TaskRunStore store = TaskRunStore.open(db)) {
      TaskRun run = store.create();
      store.update(run.id(), c -> c.status(Status.RUNNING));
    }
    PostgresOptions tuned =
        PostgresOptions.defaults().withTablePrefix("ci_").withLeaseDuration(Duration.ofSeconds(5));
    try (TaskRunStore store = TaskRunStore.open(db, StoreOptions.defaults(), tuned)) {
      System.out.println(store.list().size());
    }
  }
}
