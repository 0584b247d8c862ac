package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Backend;
import dev.burrow.BackendUnavailableException;
import dev.burrow.MisuseException;
import dev.burrow.StoreOptions;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.StorageBackend;
import dev.burrow.spi.StorageBackendFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way to open a generated store, and what closing it does. */
class StoreOpenersTest {
  @TempDir Path root;

  @Test
  void openWithoutArgumentsUsesTheSchemasDefaultRoot() {
    String home = System.getProperty("user.home");
    System.setProperty("user.home", root.toString());
    try (TaskRunStore store = TaskRunStore.open()) {
      store.create("run-1");
      assertEquals(
          FileSystemBackend.instanceDirectory(root.resolve(".burrow/task-runs"), "run-1"),
          store.dirs("run-1").root());
    } finally {
      System.setProperty("user.home", home);
    }
  }

  @Test
  void openAtAPathUsesIt() {
    try (TaskRunStore store = TaskRunStore.open(root)) {
      store.create("run-1");
      assertTrue(store.dirs("run-1").root().startsWith(root));
      assertEquals(root, store.options().dataRoot());
    }
  }

  @Test
  void openWithOptionsKeepsThem() {
    StoreOptions options = TestStores.options(root);
    try (TaskRunStore store = TaskRunStore.open(options)) {
      assertSame(options, store.options());
      assertEquals("id-1", store.create().id());
    }
  }

  @Test
  void openOnABackendStoresThroughIt() {
    List<String> opened = new ArrayList<>();
    Backend files =
        new StorageBackendFactory() {
          @Override
          public <T> StorageBackend<T> open(
              InstanceSchema<T> schema, Path localRoot, StoreOptions options) {
            opened.add(schema.layout().name() + " at " + localRoot);
            return FileSystemBackend.open(schema, localRoot, options);
          }
        };
    try (TaskRunStore store = TaskRunStore.open(files, TestStores.options(root))) {
      store.create("run-1");
      assertEquals(List.of("task-runs at " + root), opened);
      assertTrue(Files.isDirectory(store.dirs("run-1").workspace()));
    }
  }

  @Test
  void dataSourceOpenersReachPostgresThroughTheDataSource() {
    StoreOptions options = TestStores.options(root);
    PostgresOptions prefixed = PostgresOptions.defaults().withTablePrefix("typed_");
    List<Function<DataSource, TaskRunStore>> openers =
        List.of(
            TaskRunStore::open,
            dataSource -> TaskRunStore.open(dataSource, options),
            dataSource -> TaskRunStore.open(dataSource, options, prefixed));
    for (Function<DataSource, TaskRunStore> opener : openers) {
      List<String> calls = new ArrayList<>();
      BackendUnavailableException e =
          assertThrows(
              BackendUnavailableException.class, () -> opener.apply(refusing(calls)).close());
      assertTrue(e.getMessage().contains("no server here"), e.getMessage());
      assertEquals(List.of("getConnection"), calls.subList(0, 1));
    }
  }

  /** A data source whose every connection attempt is refused, recording the calls made. */
  private static DataSource refusing(List<String> calls) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, arguments) -> {
              calls.add(method.getName());
              throw new SQLException("no server here");
            });
  }

  @Test
  void aClosedStoreRefusesEveryCallAndClosingAgainIsHarmless() {
    TaskRunStore store = TaskRunStore.open(TestStores.options(root));
    TaskRunStore provisioned = store.withProvisioner((instance, dirs) -> {});
    store.create("run-1");
    store.close();
    store.close();
    assertThrows(MisuseException.class, () -> store.get("run-1"));
    assertThrows(MisuseException.class, () -> provisioned.create(), "shares the closed engine");
  }
}
