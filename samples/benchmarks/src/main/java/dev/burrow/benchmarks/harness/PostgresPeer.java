package dev.burrow.benchmarks.harness;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Burrow's PostgreSQL backend on a throwaway local server (the runtime tests' {@link
 * LocalPostgres}: {@code initdb} and {@code pg_ctl} as the {@code postgres} user, a loopback port,
 * {@code fsync} on), through a connection pool.
 */
final class PostgresPeer implements AutoCloseable {
  private final LocalPostgres server;
  private final HikariDataSource pool;

  private PostgresPeer(LocalPostgres server, HikariDataSource pool) {
    this.server = server;
    this.pool = pool;
  }

  /** Starts a server, or says in {@code notes} why there is none. */
  static Optional<PostgresPeer> start(int connections, Consumer<String> notes) {
    try {
      LocalPostgres server = LocalPostgres.start();
      return Optional.of(new PostgresPeer(server, server.pool(connections)));
    } catch (LocalPostgres.Unavailable e) {
      notes.accept(
          "PostgreSQL could not be started here ("
              + e.getMessage()
              + "), so its rows"
              + " are empty.");
      return Optional.empty();
    }
  }

  /** The pool of connections to the server. */
  DataSource dataSource() {
    return pool;
  }

  /** Burrow stores on this server, with instance directories in the given directory. */
  Subjects subjects() {
    return (directory, durability) -> BurrowSubject.onPostgres(pool, directory);
  }

  /** The server's JDBC URL, for host JVMs of their own. */
  String jdbcUrl() {
    return server.jdbcUrl();
  }

  /** The server's version and its durability settings, as it reports them. */
  String describe() {
    return query(
            "SELECT 'PostgreSQL ' || current_setting('server_version') || ', fsync='"
                + " || current_setting('fsync') || ', synchronous_commit='"
                + " || current_setting('synchronous_commit') || ', wal_sync_method='"
                + " || current_setting('wal_sync_method')")
        .get(0);
  }

  /**
   * The flushes the server makes per operation: {@code strace -c -f} attached to every server
   * process (the postmaster, so new backends are followed, and every process it has started) while
   * {@code operations} run in this JVM, divided by {@code count}.
   */
  double fsyncsPerOperation(Path workDir, int count, Runnable operations) {
    List<String> pids = new ArrayList<>(query("SELECT pid::text FROM pg_stat_activity"));
    pids.add(parentOf(pids.get(0)));
    Path traceDirectory = Scratch.directory(workDir, "pg-strace");
    Path summary = traceDirectory.resolve("summary");
    List<String> command =
        new ArrayList<>(
            List.of(
                "strace",
                "-f",
                "-c",
                "-e",
                "trace=" + FsyncCounts.TRACED,
                "-o",
                summary.toString()));
    pids.forEach(pid -> command.addAll(List.of("-p", pid)));
    try {
      Process strace = new ProcessBuilder(command).redirectErrorStream(true).start();
      BufferedReader messages =
          new BufferedReader(
              new InputStreamReader(strace.getInputStream(), StandardCharsets.UTF_8));
      int attached = 0;
      for (int answered = 0; answered < pids.size(); answered++) {
        String line = messages.readLine();
        if (line == null) {
          throw new IllegalStateException("strace stopped before attaching to PostgreSQL");
        }
        attached += line.contains("attached") ? 1 : 0;
      }
      if (attached == 0) {
        throw new IllegalStateException("strace could not attach to any PostgreSQL process");
      }
      operations.run();
      strace.destroy();
      strace.waitFor();
      return (double) FsyncCounts.parse(Files.readAllLines(summary)) / count;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot trace the PostgreSQL server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while tracing the PostgreSQL server", e);
    } finally {
      Scratch.delete(traceDirectory);
    }
  }

  private static String parentOf(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the parent of PostgreSQL process " + pid, e);
    }
  }

  private List<String> query(String sql) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e, e);
    }
  }

  @Override
  public void close() {
    pool.close();
    server.close();
  }
}
