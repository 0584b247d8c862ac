package com.example.runs;

import com.example.runs.TaskRun.Status;
import dev.burrow.StoreOptions;
import dev.burrow.postgres.PostgresOptions;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

public class Postgres {
  // db: a pool, e.g. HikariCP over jdbc:postgresql://db:5432/app
  static void shared(DataSource db, Path ciRoot) {
    try (TaskRunStore store = TaskRunStore.open(db)) {
      TaskRun run = store.create();
      store.update(run.id(), c -> c.status(Status.RUNNING));
    }
    PostgresOptions tuned =
        PostgresOptions.defaults().withTablePrefix("ci_").withLeaseDuration(Duration.ofSeconds(5));
    StoreOptions ownRoot = StoreOptions.defaults().withDataRoot(ciRoot); // other tables, other root
    try (TaskRunStore store = TaskRunStore.open(db, ownRoot, tuned)) {
      System.out.println(store.list().size());
    }
  }
}
