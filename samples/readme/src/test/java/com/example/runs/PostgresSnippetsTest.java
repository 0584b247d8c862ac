package com.example.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.StoreOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's PostgreSQL snippets, run on a throwaway server, keep every file of the instance
 * directories: a PostgreSQL store's open removes the directories of instances its own tables do not
 * hold, so a snippet that opened a store on other tables, or on a filesystem store's root, with the
 * data root of another would lose them. The default data root is the one surefire names in {@code
 * RUNS_DATA_DIR}.
 */
class PostgresSnippetsTest {
  private static LocalPostgres server;

  @BeforeAll
  static void startServer() {
    server = LocalPostgres.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void theStoreOnOtherTablesLeavesTheDefaultStoresFilesAlone(@TempDir Path ciRoot)
      throws IOException {
    DataSource db = server.sharedPool();
    Path log;
    try (TaskRunStore store = TaskRunStore.open(db)) {
      String id = store.create().id();
      log = Files.writeString(store.dirs(id).logs().resolve("run.log"), "started\n");
    }

    Postgres.shared(db, ciRoot);

    assertEquals("started\n", Files.readString(log));
  }

  @Test
  void outgrowingOneMachineCopiesEachRunWithItsFiles(@TempDir Path dataRoot, @TempDir Path hostRoot)
      throws IOException {
    String id;
    try (TaskRunStore files = TaskRunStore.open(dataRoot)) {
      id = files.create().id();
      Files.writeString(files.dirs(id).logs().resolve("run.log"), "started\n");
    }

    Moving.outgrowOneMachine(dataRoot, server.sharedPool(), hostRoot);

    StoreOptions onThisHost = StoreOptions.defaults().withDataRoot(hostRoot);
    try (TaskRunStore rows = TaskRunStore.open(server.sharedPool(), onThisHost)) {
      assertEquals("started\n", Files.readString(rows.dirs(id).logs().resolve("run.log")));
    }
  }
}
