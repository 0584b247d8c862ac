package dev.burrow.test.internal.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.BurrowException;
import dev.burrow.test.internal.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A throwaway PostgreSQL server for tests and benchmarks: {@code initdb} into a temporary
 * directory, {@code pg_ctl start} on a free loopback port with {@code fsync} on, trust
 * authentication for user {@code postgres}, and {@code pg_ctl stop} plus removal on {@link
 * #close()} (or at JVM exit). PostgreSQL refuses to run as root, so when this JVM is root the
 * server runs as the {@code postgres} OS user through {@code runuser}, in a data directory that
 * user owns.
 *
 * <p>The binaries are found on the {@code PATH}, else in {@code /usr/lib/postgresql/<n>/bin}
 * (Debian's layout), newest version first.
 */
public final class LocalPostgres implements AutoCloseable {
  /**
   * The JUnit configuration parameter (or system property) naming the directory of the {@code
   * initdb} and {@code pg_ctl} the test kit's throwaway server runs, where they are neither on the
   * {@code PATH} nor where Debian installs them.
   */
  public static final String BINARIES_PROPERTY = "burrow.test.postgres.bin";

  /** The environment variable naming that directory where the configuration parameter does not. */
  public static final String BINARIES_VARIABLE = "BURROW_TEST_POSTGRES_BIN";

  private static final String SERVICE_USER = "postgres";

  private final Path binaries;
  private final Path directory;
  private final int port;
  private final boolean asServiceUser;
  private final Thread shutdownHook;
  private @Nullable HikariDataSource sharedPool;
  private boolean stopped;

  private LocalPostgres(Path binaries, Path directory, int port, boolean asServiceUser) {
    this.binaries = binaries;
    this.directory = directory;
    this.port = port;
    this.asServiceUser = asServiceUser;
    this.shutdownHook = new Thread(this::stop, "burrow-postgres-stop");
  }

  /** Thrown by {@link #start()} when this machine cannot run PostgreSQL; says why. */
  public static final class Unavailable extends BurrowException {
    private static final long serialVersionUID = 1L;

    Unavailable(String reason) {
      super(reason);
    }
  }

  /**
   * The directory holding {@code initdb} and {@code pg_ctl}: {@code configured} if not null (and
   * only it), else the first of the {@code PATH} and Debian's versions, newest first.
   */
  private static Path findBinaries(@Nullable Path configured) {
    if (configured != null) {
      return requireServiceUser(
          binariesIn(List.of(configured))
              .orElseThrow(
                  () ->
                      new Unavailable(
                          "no PostgreSQL binaries (initdb, pg_ctl) in "
                              + configured
                              + ", the directory "
                              + BINARIES_PROPERTY
                              + " or "
                              + BINARIES_VARIABLE
                              + " names")));
    }
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        candidates.add(Path.of(entry));
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions
            .sorted(Comparator.comparing(LocalPostgres::versionOf).reversed())
            .forEach(version -> candidates.add(version.resolve("bin")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception undeclared) {
        // JDK 17's internal sun.nio.fs.UnixException, which it throws without declaring it when
        // closing the listing's directory handle fails (EIO, ENOSPC)
        throw new UncheckedIOException(
            new IOException("cannot list " + debian + ": " + undeclared.getMessage(), undeclared));
      }
    }
    return requireServiceUser(
        binariesIn(candidates)
            .orElseThrow(
                () ->
                    new Unavailable(
                        "no PostgreSQL binaries (initdb, pg_ctl) on the PATH"
                            + " or in /usr/lib/postgresql/*/bin; install PostgreSQL (Debian: apt-get install"
                            + " postgresql), or name their directory in "
                            + BINARIES_PROPERTY)));
  }

  private static Optional<Path> binariesIn(List<Path> candidates) {
    return candidates.stream()
        .filter(
            dir ->
                Files.isExecutable(dir.resolve("initdb"))
                    && Files.isExecutable(dir.resolve("pg_ctl")))
        .findFirst();
  }

  /** {@code found}, once it is known that there is a user to run the server as. */
  private static Path requireServiceUser(Path found) {
    if (isRoot() && !serviceUserExists()) {
      throw new Unavailable(
          "running as root, and there is no '"
              + SERVICE_USER
              + "' OS user"
              + " to run PostgreSQL as (it refuses to run as root)");
    }
    return found;
  }

  private static int versionOf(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Creates and starts a server with the binaries found on the {@code PATH} or where Debian puts
   * them.
   *
   * @throws Unavailable if there are no PostgreSQL binaries or no user to run them as
   */
  public static LocalPostgres start() {
    return start(null);
  }

  /**
   * Creates and starts a server with the binaries in {@code binariesDirectory}, or, if null, found
   * as {@link #start()} finds them.
   *
   * @throws Unavailable if there are no PostgreSQL binaries or no user to run them as
   */
  public static LocalPostgres start(@Nullable Path binariesDirectory) {
    Path binaries = findBinaries(binariesDirectory);
    boolean asServiceUser = isRoot();
    try {
      Path directory = Files.createTempDirectory("burrow-pg-");
      LocalPostgres server;
      try {
        if (asServiceUser) {
          giveToServiceUser(directory);
        }
        server = new LocalPostgres(binaries, directory, freePort(), asServiceUser);
      } catch (IOException | RuntimeException e) {
        Trees.deleteAfter(e, directory); // no shutdown hook removes it yet
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(server.shutdownHook);
      try {
        server.initAndStart();
      } catch (RuntimeException e) {
        try {
          server.close(); // stops what may have started, and removes the directory now
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void initAndStart() {
    run(
        binaries.resolve("initdb").toString(),
        "-D",
        data().toString(),
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync");
    pgCtl(
        "-o",
        "-p "
            + port
            + " -k "
            + directory
            + " -c listen_addresses=127.0.0.1"
            + " -c fsync=on -c max_connections=80",
        "start");
  }

  /** The JDBC URL of the {@code postgres} database as user {@code postgres}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** A pool of 8 connections shared by every test of the run; closed with the server. */
  public synchronized HikariDataSource sharedPool() {
    if (sharedPool == null) {
      sharedPool = pool(8);
    }
    return sharedPool;
  }

  /** A new connection pool of at most {@code size} connections; close it when done. */
  public HikariDataSource pool(int size) {
    return pool(jdbcUrl(), size);
  }

  /** A new pool of at most {@code size} connections to {@code jdbcUrl} (for child JVMs). */
  public static HikariDataSource pool(String jdbcUrl, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setPoolName("burrow-test");
    return new HikariDataSource(config);
  }

  /**
   * Stops the server at once, as a crash would ({@code pg_ctl restart -m immediate}: no checkpoint,
   * every connection cut), and starts it again on the same port and data, recovering from its WAL.
   * Returns once it accepts connections again.
   */
  public void restart() {
    pgCtl("-m", "immediate", "restart");
  }

  /** {@code pg_ctl} on this server's data, logging to its log, waiting up to 120 s. */
  private void pgCtl(String... action) {
    List<String> command =
        new ArrayList<>(
            List.of(
                binaries.resolve("pg_ctl").toString(),
                "-D",
                data().toString(),
                "-l",
                directory.resolve("server.log").toString(),
                "-w",
                "-t",
                "120"));
    command.addAll(List.of(action));
    run(command.toArray(String[]::new));
  }

  /** Stops the server and removes its files. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs stop(), which is idempotent
    }
  }

  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (sharedPool != null) {
      sharedPool.close();
    }
    try {
      run(
          binaries.resolve("pg_ctl").toString(),
          "-D",
          data().toString(),
          "-m",
          "fast",
          "-w",
          "stop");
    } finally {
      deleteTree(directory);
    }
  }

  private Path data() {
    return directory.resolve("data");
  }

  private void run(String... command) {
    List<String> full = new ArrayList<>();
    if (asServiceUser) {
      full.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
    }
    full.addAll(List.of(command));
    Path output = directory.resolve("command.log");
    try {
      Process process =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!finishesWithin(process, TimeUnit.MINUTES.toNanos(3))) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", full) + " did not finish in 3 min");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", full)
                + " exited with "
                + process.exitValue()
                + ":\n"
                + Files.readString(output)
                + serverLog());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits up to {@code nanos} for {@code process} to exit, also when this thread is interrupted,
   * whose interrupt is kept: a command left running would go on working in the directory that a
   * failed start or a stop removes.
   */
  private static boolean finishesWithin(Process process, long nanos) {
    long deadline = System.nanoTime() + nanos;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private String serverLog() throws IOException {
    Path log = directory.resolve("server.log");
    return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static boolean serviceUserExists() {
    try {
      Path.of("/")
          .getFileSystem()
          .getUserPrincipalLookupService()
          .lookupPrincipalByName(SERVICE_USER);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void giveToServiceUser(Path directory) throws IOException {
    UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view =
        Files.getFileAttributeView(directory, PosixFileAttributeView.class);
    view.setOwner(users.lookupPrincipalByName(SERVICE_USER));
    GroupPrincipal group = users.lookupPrincipalByGroupName(SERVICE_USER);
    view.setGroup(group);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path top) {
    try {
      Trees.delete(top);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + top, e);
    }
  }
}
