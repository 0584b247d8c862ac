package com.example.runs;

import com.example.runs.TaskRun.Status;
import dev.burrow.ImportSummary;
import dev.burrow.StoreOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

public class Moving {
  static void oneTransaction(TaskRunStore onPostgres, Connection connection, String id)
      throws SQLException {
    connection.setAutoCommit(false);
    TaskRunStore inside = onPostgres.inTransaction(connection);
    inside.update(id, c -> c.status(Status.DONE));
    // ... your own statements on the same connection ...
    connection.commit(); // or rollback(): the Burrow write goes with it
  }

  static void outgrowOneMachine(Path dataRoot, DataSource db, Path hostRoot) {
    try (TaskRunStore files = TaskRunStore.open(dataRoot);
        TaskRunStore rows = TaskRunStore.open(db, StoreOptions.defaults().withDataRoot(hostRoot))) {
      ImportSummary copied = files.copyTo(rows); // idempotent: run it again after a crash
      System.out.println(copied.created() + " runs moved to PostgreSQL");
    }
  }
}
