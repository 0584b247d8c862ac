package com.example.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.runs.TaskRun.Status;
import dev.burrow.StoreOptions;
import dev.burrow.test.TempDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's PostgreSQL snippets, each run on a database of its own, with data roots of its own.
 * A PostgreSQL store's open removes the directories of instances its own tables do not hold, so a
 * snippet that opened a store on other tables, or on a filesystem store's root, with the data root
 * of another would lose their files; these tests check the files are still there.
 */
class PostgresSnippetsTest {
  @Test
  void theStoreOnOtherTablesLeavesTheDefaultStoresFilesAlone(
      @TempDatabase DataSource db, @TempDir Path ciRoot) throws IOException {
    Path defaultRoot = defaultRoot();
    Path log;
    try (TaskRunStore store = TaskRunStore.open(db)) {
      String id = store.create().id();
      log = Files.writeString(store.dirs(id).logs().resolve("run.log"), "started\n");
    }
    assertTrue(log.startsWith(defaultRoot), log + " is under " + defaultRoot);

    Postgres.shared(db, ciRoot);

    assertEquals("started\n", Files.readString(log));
    try (TaskRunStore store = TaskRunStore.open(db)) {
      List<Status> statuses = store.list().stream().map(TaskRun::status).sorted().toList();
      assertEquals(List.of(Status.PENDING, Status.RUNNING), statuses);
    }
  }

  @Test
  void outgrowingOneMachineCopiesEachRunWithItsFiles(
      @TempDatabase DataSource db, @TempDir Path dataRoot, @TempDir Path hostRoot)
      throws IOException {
    String id;
    try (TaskRunStore files = TaskRunStore.open(dataRoot)) {
      id = files.create().id();
      Files.writeString(files.dirs(id).logs().resolve("run.log"), "started\n");
    }

    Moving.outgrowOneMachine(dataRoot, db, hostRoot);

    try (TaskRunStore rows =
        TaskRunStore.open(db, StoreOptions.defaults().withDataRoot(hostRoot))) {
      assertEquals("started\n", Files.readString(rows.dirs(id).logs().resolve("run.log")));
    }
  }

  @Test
  void aWriteInTheCallersTransactionIsKeptWithItsCommit(
      @TempDatabase DataSource db, @TempDir Path root) throws SQLException {
    try (TaskRunStore store = TaskRunStore.open(db, StoreOptions.defaults().withDataRoot(root));
        Connection connection = db.getConnection()) {
      String id = store.create().id();

      Moving.oneTransaction(store, connection, id);

      assertEquals(Status.DONE, store.get(id).status());
    }
  }

  /**
   * The data root {@code TaskRunStore.open(db)} uses: {@code RUNS_DATA_DIR}, which surefire names
   * afresh for each build, so that it serves only this run's database.
   */
  private static Path defaultRoot() {
    String named = System.getenv("RUNS_DATA_DIR");
    if (named == null) {
      throw new AssertionError(
          "RUNS_DATA_DIR is not set: run this test with Maven, whose surefire names a fresh"
              + " default data root (otherwise the snippet would open ~/.runs)");
    }
    Path root = Path.of(named);
    assertFalse(Files.exists(root), root + " is this run's own, so it must not exist yet");
    return root;
  }
}
