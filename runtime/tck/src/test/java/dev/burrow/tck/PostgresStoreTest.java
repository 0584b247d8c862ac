package dev.burrow.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceId;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.PruneReport;
import dev.burrow.StoreOptions;
import dev.burrow.Version;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The generated typed store, opened on a real PostgreSQL server instead of the file system. */
@ExtendWith(PostgresExtension.class)
class PostgresStoreTest {
  @TempDir Path localRoot;

  /** The instance type; the processor generates {@code PostgresStoreTest_RunStore}. */
  @Instance(name = "pg-runs", subdirectories = "workspace")
  record Run(
      @InstanceId String id,
      @Version long version,
      @Default("PENDING") Status status,
      Map<String, String> params,
      List<String> tags) {

    enum Status {
      PENDING,
      RUNNING
    }
  }

  @Test
  void theSameTypedApiRunsOnPostgres(LocalPostgres server) {
    StoreOptions options = StoreOptions.defaults().withDataRoot(localRoot);
    try (PostgresStoreTest_RunStore store =
        PostgresStoreTest_RunStore.open(server.sharedPool(), options)) {
      Run created = store.create(c -> c.putParam("k", "v"));
      assertTrue(created.id().chars().allMatch(Character::isDigit), created.id());
      assertEquals(1, created.version());

      Run updated = store.update(created.id(), c -> c.status(Run.Status.RUNNING).addTag("typed"));

      assertEquals(2, updated.version());
      assertEquals(updated, store.get(created.id()));
      assertEquals("v", store.get(created.id()).params().get("k"));
      assertThrows(InstanceAlreadyExistsException.class, () -> store.create(created.id()));
      assertTrue(Files.isDirectory(store.dirs(created.id()).workspace()));
      assertTrue(store.list().stream().anyMatch(r -> r.id().equals(created.id())));
      assertTrue(store.delete(created.id()));
    }
  }

  /**
   * Keyset pages, streams and prunes as on files: pages taken while instances are created and
   * deleted between them return each instance that stayed exactly once, in order.
   */
  @Test
  void pagesStreamsAndPrunesWorkAsOnFiles(LocalPostgres server) {
    StoreOptions options = StoreOptions.defaults().withDataRoot(localRoot);
    PostgresOptions own = PostgresOptions.defaults().withTablePrefix("paging_");
    try (PostgresStoreTest_RunStore store =
        PostgresStoreTest_RunStore.open(server.sharedPool(), options, own)) {
      List<String> stable = new ArrayList<>();
      List<String> doomed = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String id = String.format("r-%02d", i);
        store.create(id, c -> c.status(Run.Status.PENDING));
        (i % 3 == 0 ? doomed : stable).add(id);
      }
      List<String> seen = new ArrayList<>();
      PageRequest request = PageRequest.first(4);
      int made = 0;
      while (request != null) {
        Page<Run> page = store.list(request);
        page.items().forEach(r -> seen.add(r.id()));
        request = page.next();
        if (!doomed.isEmpty()) {
          assertTrue(store.delete(doomed.remove(doomed.size() - 1)));
        }
        store.create("new-" + made++);
      }
      assertEquals(seen.size(), Set.copyOf(seen).size(), "an instance was listed twice");
      assertTrue(seen.containsAll(stable), "an instance that stayed was missed: " + seen);
      assertEquals(seen.stream().sorted(NewestFirst.IDS).toList(), seen, "listing order");
      assertEquals(
          store.list().stream().map(Run::id).toList(), store.stream().map(Run::id).toList());

      List<String> pruned = new ArrayList<>();
      PruneReport report = store.prune(r -> r.id().startsWith("new-"), r -> pruned.add(r.id()));

      assertEquals(made, report.deleted());
      assertEquals(made, pruned.size());
      assertEquals(0, report.locked());
      assertEquals(
          stable.stream().sorted(NewestFirst.IDS).toList(),
          store.list().stream().map(Run::id).toList());
      stable.forEach(store::delete);
    }
  }

  @Test
  void postgresOptionsAndTheBackendOpenerReachTheSameTables(LocalPostgres server) {
    StoreOptions options = StoreOptions.defaults().withDataRoot(localRoot);
    PostgresOptions prefixed = PostgresOptions.defaults().withTablePrefix("typed_");
    try (PostgresStoreTest_RunStore typed =
            PostgresStoreTest_RunStore.open(server.sharedPool(), options, prefixed);
        PostgresStoreTest_RunStore viaBackend =
            PostgresStoreTest_RunStore.open(
                PostgresBackend.of(server.sharedPool(), prefixed), options)) {
      Run created = typed.create();
      assertEquals(created, viaBackend.get(created.id()));
      assertTrue(viaBackend.delete(created.id()));
    }
  }
}
