package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.InstanceLock;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privileges {@code docs/postgresql.md} asks of the database user: {@code CREATE} on the schema
 * the first time only; after that, an application role holding {@code USAGE} on the schema, {@code
 * SELECT, INSERT, UPDATE, DELETE} on Burrow's tables and {@code USAGE} on its sequences, and
 * nothing more, runs the store.
 */
@ExtendWith(PostgresExtension.class)
class PostgresPrivilegesTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  @Test
  void aRoleWithoutCreateRunsTheStoreOnceTheTablesExist(LocalPostgres server, @TempDir Path root) {
    String prefix = PgStores.freshPrefix();
    String schema = prefix + "schema";
    String role = prefix + "app";
    try (HikariDataSource admin = server.pool(2)) {
      Sql.update(admin, "CREATE SCHEMA " + schema);
      try {
        try (HikariDataSource owner =
            LocalPostgres.pool(server.jdbcUrl() + "&currentSchema=" + schema, 2)) {
          PgStores.counters(owner, prefix, root.resolve("owner"), LEASE).close();
        }
        Sql.update(admin, "CREATE ROLE " + role + " LOGIN");
        Sql.update(admin, "GRANT USAGE ON SCHEMA " + schema + " TO " + role);
        Sql.update(
            admin,
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "
                + schema
                + " TO "
                + role);
        Sql.update(admin, "GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role);
        assertEquals(
            List.of("f"),
            Sql.column(admin, "SELECT has_schema_privilege(?, ?, 'CREATE')", role, schema));

        String url =
            server.jdbcUrl().replace("user=postgres", "user=" + role) + "&currentSchema=" + schema;
        try (HikariDataSource app = LocalPostgres.pool(url, 2)) {
          try (CounterStore store = PgStores.counters(app, prefix, root.resolve("app"), LEASE)) {
            Counter created = store.create("c1");
            try (InstanceLock lock = store.lock(created.id())) {
              store.update(created.id(), Counter::incremented);
              assertTrue(lock.fencingToken().isPresent());
            }
            assertEquals(1, store.get("c1").count());
            assertEquals(List.of("c1"), store.list().stream().map(Counter::id).toList());
            assertTrue(store.delete("c1"));
            assertFalse(store.find("c1").isPresent());
          }
          // A schema that adds an @Indexed component needs the tables' owner, as the doc says.
          StorageException refused =
              assertThrows(
                  StorageException.class,
                  () ->
                      PgStores.counters(
                          app,
                          prefix,
                          root.resolve("app"),
                          LEASE,
                          StoreOptions.defaults(),
                          CounterSchema.indexing(CounterSchema.STATUS)));
          assertTrue(
              refused.getMessage().contains("creating the indexes " + prefix),
              refused.getMessage());
        }
      } finally {
        Sql.update(admin, "DROP SCHEMA " + schema + " CASCADE");
        Sql.update(admin, "DROP ROLE IF EXISTS " + role);
      }
    }
  }
}
