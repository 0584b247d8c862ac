package dev.burrow.postgres.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  /** What happened, in order: "execute", "commit", "rollback", "autoCommit=false", ... */
  final List<String> events = new CopyOnWriteArrayList<>();

  /** Server notices (such as auto_explain's plans) read from statements before they closed. */
  final List<String> notices = new CopyOnWriteArrayList<>();

  final AtomicBoolean down = new AtomicBoolean();

  /**
   * While set, every {@code getConnection} returns this connection, whose {@code close} does
   * nothing: a transaction-aware data source in miniature, inside the caller's transaction.
   */
  final AtomicReference<@Nullable Connection> bound = new AtomicReference<>();

  private final Supplier<Connection> connections;

  private Tap(Supplier<Connection> connections) {
    this.connections = connections;
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
          switch (method.getName()) {
            case "commit", "rollback" -> events.add(method.getName());
            case "setAutoCommit" -> events.add("autoCommit=" + args[0]);
            case "close" -> {
              if (!closes) {
                return null;
              }
            }
            default -> {}
          }
          Object result = invoke(real, method, args);
          if (result instanceof Statement statement) {
            return statement(statement, method.getReturnType());
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(
            Tap.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private Object statement(Statement real, Class<?> type) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")) {
            events.add("execute");
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
