package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.BackendUnavailableException;
import dev.burrow.BurrowException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the backend says about a failure never quotes a password from a driver or a pool. */
class FailuresTest {
  private static final String PASSWORD = "s3cret-Pw";

  @TempDir Path localRoot;

  @Test
  void aQuotedUrlLosesItsPassword() {
    BurrowException unavailable =
        Failures.unavailable(
            "creating instance 'a'",
            new SQLException(
                "cannot connect to jdbc:postgresql://db:5432/app?user=app&password=" + PASSWORD));
    BurrowException storage =
        Failures.storage(
            "reading instance 'a'",
            new SQLException("lost jdbc:postgresql://app:" + PASSWORD + "@db/app", "XX000"));

    for (BurrowException e : new BurrowException[] {unavailable, storage}) {
      assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
      assertTrue(e.getMessage().contains("***"), e.getMessage());
    }
  }

  /** A pool that cannot start says why quoting its URL; the store's exception does not. */
  @Test
  void aPoolThatCannotStartIsReportedWithoutThePassword() {
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:notaport/app?password=" + PASSWORD);
      BackendUnavailableException refused =
          assertThrows(
              BackendUnavailableException.class,
              () ->
                  PgStores.counters(pool, PgStores.freshPrefix(), localRoot, Duration.ofSeconds(15))
                      .close());
      assertFalse(refused.getMessage().contains(PASSWORD), refused.getMessage());
    }
  }
}
