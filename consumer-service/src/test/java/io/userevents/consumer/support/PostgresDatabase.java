package io.userevents.consumer.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A uniquely named database on the PostgreSQL server at 127.0.0.1:5432 (user postgres), created for
 * one test class and dropped afterwards. Without a reachable server the test is skipped, except
 * when {@code CI=true}: there it fails.
 */
public final class PostgresDatabase implements AutoCloseable {

  private static final String HOST = env("TEST_POSTGRES_HOST", "127.0.0.1");
  private static final String PORT = env("TEST_POSTGRES_PORT", "5432");
  private static final String USER = env("TEST_POSTGRES_USER", "postgres");
  private static final String PASSWORD = env("TEST_POSTGRES_PASSWORD", "");

  private final String name;

  private PostgresDatabase(String name) {
    this.name = name;
  }

  public static PostgresDatabase create(String prefix) {
    String name =
        (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
            .toLowerCase(Locale.ROOT);
    try (Connection admin = adminConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "PostgreSQL at " + HOST + ":" + PORT + " is required when CI=true", e);
      }
      Assumptions.abort("PostgreSQL at " + HOST + ":" + PORT + " not reachable: " + e);
    }
    return new PostgresDatabase(name);
  }

  public String name() {
    return name;
  }

  public String url() {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
  }

  public String username() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  /** Plain connections to this database, one per use, for a test's own reads and changes. */
  public DriverManagerDataSource dataSource() {
    return new DriverManagerDataSource(url(), USER, PASSWORD);
  }

  /** The {@code spring.datasource.*} properties that point a service at this database. */
  public Map<String, String> serviceProperties() {
    return Map.of(
        "spring.datasource.url", url(),
        "spring.datasource.username", USER,
        "spring.datasource.password", PASSWORD);
  }

  /** Refuses (false) or allows (true) new connections to this database, superusers included. */
  public void allowConnections(boolean allow) {
    admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allow);
  }

  /** Terminates every server process connected to this database. */
  public void terminateConnections() {
    admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + name
            + "' AND pid <> pg_backend_pid()");
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) {
    try (Connection admin = adminConnection();
        Statement statement = admin.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, PASSWORD);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
