package dev.burrow.tck.contract;

import dev.burrow.Backend;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract on the PostgreSQL backend, each test in tables of its own. */
@ExtendWith(PostgresExtension.class)
class PostgresStoreContractTest extends StoreContract {
  private static final AtomicLong NEXT_PREFIX = new AtomicLong();
  private static DataSource pool;

  private final String prefix = "contract" + NEXT_PREFIX.incrementAndGet() + "_";

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  @Override
  protected Backend backend() {
    return PostgresBackend.of(pool, PostgresOptions.defaults().withTablePrefix(prefix));
  }

  @Override
  protected String plant(Path localRoot, String kind, String id, long version, String document)
      throws Exception {
    try (Connection connection = pool.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE "
                    + prefix
                    + "instances SET version = ?, document = ? WHERE kind = ? AND id = ?")) {
      update.setLong(1, version);
      update.setString(2, document);
      update.setString(3, kind);
      update.setString(4, id);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("no row for " + kind + " " + id);
      }
    }
    return prefix + "instances row (kind '" + kind + "', id '" + id + "')";
  }
}
