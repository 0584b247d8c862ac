package dev.burrow.postgres.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} in front of a real one that records what Burrow does with its connections
 * (statements executed, commits, rollbacks, auto-commit switches, server notices) and can be cut
 * off: while {@link #down} is set, {@code getConnection} fails as a refused connection does.
 */
final class Tap {
  /**
   * What happened, in order: "execute", "commit", "rollback" (of the transaction or to a
   * savepoint), "setSavepoint", "releaseSavepoint", "autoCommit=false", ...
   */
  final List<String> events = new CopyOnWriteArrayList<>();

  /** The text of each prepared statement executed, in order. */
  final List<String> statements = new CopyOnWriteArrayList<>();

  /** Server notices (such as auto_explain's plans) read from statements before they closed. */
  final List<String> notices = new CopyOnWriteArrayList<>();

  final AtomicBoolean down = new AtomicBoolean();

  /** While set, closing a connection closes it, then throws an unchecked exception. */
  final AtomicBoolean closeFails = new AtomicBoolean();

  /** One permit per statement executed: a test waits here for Burrow to have sent statements. */
  final Semaphore executed = new Semaphore(0);

  /**
   * What the next commit (a {@code commit()} call, or a statement that ends with {@code COMMIT})
   * does before failing as a lost connection does; once.
   */
  enum CommitFault {
    /** The commit never reaches the server: the transaction is rolled back. */
    LOST_BEFORE,
    /** The server commits, and the answer is lost. */
    LOST_AFTER,
    /** The server commits, the answer is lost, and the tap goes down. */
    LOST_AFTER_THEN_DOWN
  }

  final AtomicReference<@Nullable CommitFault> commitFault = new AtomicReference<>();

  /**
   * The connection lost at the next statement whose text contains {@code text}, once: before the
   * statement is sent, or after it ran with its answer lost. The real connection is aborted, so the
   * server ends the session and rolls back any transaction it left open; then {@link #atFault} runs
   * and the statement fails with {@code sqlState}: by default {@code 08006}, as a connection lost
   * on the way does, which cannot say whether the statement reached the server; {@code 08003}, as
   * the driver refuses a statement on a connection it knows closed, before sending anything.
   */
  record StatementFault(String text, boolean ran, String sqlState) {
    StatementFault(String text, boolean ran) {
      this(text, ran, "08006");
    }
  }

  final AtomicReference<@Nullable StatementFault> statementFault = new AtomicReference<>();

  /**
   * Run once by the next commit or statement fault, after the commit (or rollback, or lost
   * connection) and before failing.
   */
  final AtomicReference<@Nullable Runnable> atFault = new AtomicReference<>();

  /**
   * While set, every {@code getConnection} returns this connection, whose {@code close} does
   * nothing: a transaction-aware data source in miniature, inside the caller's transaction.
   */
  final AtomicReference<@Nullable Connection> bound = new AtomicReference<>();

  private final Supplier<Connection> connections;

  private Tap(Supplier<Connection> connections) {
    this.connections = connections;
  }

  /**
   * Taps connections made one at a time from {@code jdbcUrl}, with no pool between: a connection
   * the tap loses is never handed out again.
   */
  static Tap unpooled(String jdbcUrl) {
    return new Tap(
        () -> {
          try {
            return DriverManager.getConnection(jdbcUrl);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Taps every connection {@code source} hands out. */
  static Tap of(DataSource source) {
    return new Tap(
        () -> {
          try {
            return source.getConnection();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  DataSource dataSource() {
    return (DataSource)
        Proxy.newProxyInstance(
            Tap.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                if (down.get()) {
                  throw new SQLException("Connection refused (the tap is down)", "08001");
                }
                Connection callers = bound.get();
                return callers != null
                    ? connection(callers, false)
                    : connection(connections.get(), true);
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private Connection connection(Connection real, boolean closes) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("commit")) {
            CommitFault fault = commitFault.getAndSet(null);
            if (fault != null) {
              return failCommit(real, fault);
            }
          }
          switch (method.getName()) {
            case "commit", "rollback", "setSavepoint", "releaseSavepoint" ->
                events.add(method.getName());
            case "setAutoCommit" -> events.add("autoCommit=" + args[0]);
            case "close" -> {
              if (!closes) {
                return null;
              }
              if (closeFails.get()) {
                invoke(real, method, args);
                throw new IllegalStateException("the connection could not be given back (tap)");
              }
            }
            default -> {}
          }
          Object result = invoke(real, method, args);
          if (result instanceof Statement statement) {
            String sql =
                args != null && args.length > 0 && args[0] instanceof String text ? text : "";
            return statement(real, statement, method.getReturnType(), sql);
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(
            Tap.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private @Nullable Object failCommit(Connection real, CommitFault fault) throws Throwable {
    return failCommit(real, fault, real::commit);
  }

  /** Rolls back instead of committing, or commits with {@code commit}; then fails. */
  private @Nullable Object failCommit(Connection real, CommitFault fault, Commit commit)
      throws Throwable {
    if (fault == CommitFault.LOST_BEFORE) {
      try (Statement rollback = real.createStatement()) {
        rollback.execute("ROLLBACK");
      }
    } else {
      commit.run();
    }
    if (fault == CommitFault.LOST_AFTER_THEN_DOWN) {
      down.set(true);
    }
    runAtFault();
    throw new SQLException("An I/O error occurred while sending to the backend (tap)", "08006");
  }

  private void runAtFault() {
    Runnable then = atFault.getAndSet(null);
    if (then != null) {
      then.run();
    }
  }

  /** Whatever commits. */
  @FunctionalInterface
  private interface Commit {
    void run() throws Throwable;
  }

  /** {@code real}, prepared with {@code sql} (empty for a plain statement). */
  private Object statement(Connection connection, Statement real, Class<?> type, String sql) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")) {
            events.add("execute");
            statements.add(sql);
            executed.release();
            CommitFault fault = sql.endsWith("COMMIT") ? commitFault.getAndSet(null) : null;
            if (fault != null) {
              return failCommit(connection, fault, () -> invoke(real, method, args));
            }
            StatementFault lost = statementFault.get();
            if (lost != null
                && sql.contains(lost.text())
                && statementFault.compareAndSet(lost, null)) {
              if (lost.ran()) {
                invoke(real, method, args);
              }
              connection.abort(Runnable::run);
              runAtFault();
              throw new SQLException(
                  lost.sqlState().equals("08003")
                      ? "This connection has been closed (tap)"
                      : "An I/O error occurred while sending to the backend (tap)",
                  lost.sqlState());
            }
          }
          if (method.getName().equals("close")) {
            for (SQLWarning w = real.getWarnings(); w != null; w = w.getNextWarning()) {
              notices.add(w.getMessage());
            }
          }
          return invoke(real, method, args);
        };
    return Proxy.newProxyInstance(Tap.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
