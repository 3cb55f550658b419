package io.userevents.consumer.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Wraps the application's real data source to inject faults: connections refused (a systemic
 * failure), statements that fail on one record's data (a record fault), and a crash of the
 * consuming thread right after a transaction committed.
 */
public final class FaultInjectingDataSource extends DelegatingDataSource {

  private final AtomicInteger refuseNext = new AtomicInteger();
  private final AtomicBoolean refuseAll = new AtomicBoolean();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger crashAfterCommits = new AtomicInteger(-1);
  private final AtomicBoolean crashed = new AtomicBoolean();
  private final AtomicReference<@Nullable String> rejectedValue = new AtomicReference<>();

  FaultInjectingDataSource(DataSource target) {
    super(target);
  }

  /** The next {@code count} connection requests fail with a transient SQL exception. */
  public void refuseNextConnections(int count) {
    refuseNext.set(count);
  }

  /** Every connection request fails until {@link #reset()}. */
  public void refuseAllConnections() {
    refuseAll.set(true);
  }

  /**
   * After {@code commits} more successful commits, the committing thread throws {@link
   * SimulatedCrash} (an {@link Error}): the data is in the database, but the listener never
   * returns, so the container dies without committing offsets.
   */
  public void crashAfterCommits(int commits) {
    crashAfterCommits.set(commits);
  }

  /**
   * Every statement that binds {@code value} as a parameter fails with SQLSTATE 22001 (value too
   * long), as the database would for a record whose own data it cannot store: a record fault.
   */
  public void rejectStatementsBinding(String value) {
    rejectedValue.set(value);
  }

  public boolean crashed() {
    return crashed.get();
  }

  /** Connection requests refused so far. */
  public int refusedConnections() {
    return refused.get();
  }

  public void reset() {
    refuseNext.set(0);
    refuseAll.set(false);
    crashAfterCommits.set(-1);
    rejectedValue.set(null);
  }

  @Override
  public Connection getConnection() throws SQLException {
    refuseIfAsked();
    return wrap(super.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    refuseIfAsked();
    return wrap(super.getConnection(username, password));
  }

  private void refuseIfAsked() throws SQLException {
    if (refuseAll.get() || refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      refused.incrementAndGet();
      throw new SQLTransientConnectionException("injected fault: connection refused", "08001");
    }
  }

  private Connection wrap(Connection connection) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if ("prepareStatement".equals(method.getName())
              && result instanceof PreparedStatement statement) {
            return rejectingBinding(statement);
          }
          if ("commit".equals(method.getName())
              && crashAfterCommits.get() > 0
              && crashAfterCommits.decrementAndGet() == 0) {
            crashed.set(true);
            throw new SimulatedCrash();
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private Object rejectingBinding(PreparedStatement statement) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String rejected = rejectedValue.get();
          if (rejected != null
              && method.getName().startsWith("set")
              && args != null
              && args.length == 2
              && rejected.equals(args[1])) {
            throw new SQLDataException("injected fault: value too long", "22001");
          }
          try {
            return method.invoke(statement, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return Proxy.newProxyInstance(
        PreparedStatement.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class},
        handler);
  }

  /** Thrown on the consuming thread to simulate the process dying. */
  public static final class SimulatedCrash extends Error {
    SimulatedCrash() {
      super("simulated crash after the database commit, before the offset commit");
    }
  }
}
