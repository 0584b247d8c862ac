package dev.burrow.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.runtime.internal.id.SnowflakeGenerator;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child main: {@code jdbcUrl prefix count output}. Leases a Snowflake worker number from the
 * database, prints {@code ready <worker>}, waits for a line on stdin, then writes {@code count} IDs
 * to {@code output} as big-endian longs and prints {@code done}.
 */
public final class PgIdHost {
  private PgIdHost() {}

  public static void main(String[] args) throws IOException {
    int count = Integer.parseInt(args[2]);
    try (HikariDataSource pool = LocalPostgres.pool(args[0], 1);
        PostgresWorkerIds workers =
            PostgresWorkerIds.open(pool, PgStores.options(args[1], Duration.ofSeconds(15)));
        SnowflakeGenerator ids = SnowflakeGenerator.builder(workers).build();
        DataOutputStream out =
            new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(Path.of(args[3])), 1 << 16))) {
      System.out.println("ready " + ids.workerId());
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      for (int i = 0; i < count; i++) {
        out.writeLong(ids.next());
      }
    }
    System.out.println("done");
  }
}
