package io.userevents.bench.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A database of its own for one benchmark run: a uniquely named PostgreSQL database on the local
 * server, or an H2 file database in a fresh folder. Dropped on close.
 */
public final class BenchDatabase implements AutoCloseable {

  /** The local PostgreSQL server the harness uses (trust auth). */
  public static final String POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  public static final String POSTGRES_USER = "postgres";

  /** Which database engine. */
  public enum Kind {
    POSTGRESQL,
    H2
  }

  private final Kind kind;
  private final String url;
  private final String user;
  private final String name;
  private final Path h2Dir;

  private BenchDatabase(Kind kind, String url, String user, String name, Path h2Dir) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.name = name;
    this.h2Dir = h2Dir;
  }

  /** Creates a new database of that kind. */
  public static BenchDatabase create(Kind kind, Path workDir) throws Exception {
    String name = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (kind == Kind.POSTGRESQL) {
      try (Connection c =
              DriverManager.getConnection(POSTGRES_SERVER + "postgres", POSTGRES_USER, "");
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      // The driver setting consumer-service's configuration recommends for PostgreSQL.
      return new BenchDatabase(kind, POSTGRES_SERVER + name, POSTGRES_USER, name, null);
    }
    Path dir = Files.createDirectories(workDir.resolve("h2-" + name));
    // consumer-service's embedded default (a file database in PostgreSQL mode), in a folder of
    // this run; AUTO_SERVER lets the harness read it while the service has it open.
    String url =
        "jdbc:h2:file:"
            + dir.resolve("consumer-db")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
    return new BenchDatabase(kind, url, "sa", name, dir);
  }

  /** Whether the local PostgreSQL server answers. */
  public static boolean postgresAvailable() {
    try (Connection c =
        DriverManager.getConnection(POSTGRES_SERVER + "postgres", POSTGRES_USER, "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  public Kind kind() {
    return kind;
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return "";
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password());
  }

  /** {@code --spring.datasource.*} arguments that point a service at this database. */
  public List<String> springArgs() {
    return List.of(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password());
  }

  /**
   * Like {@link #springArgs()}, but for a service that is the database's only user: on H2 the URL
   * of consumer-service's embedded default (a file database, no {@code AUTO_SERVER}).
   */
  public List<String> serviceOnlyArgs() {
    if (kind != Kind.H2) {
      return springArgs();
    }
    return List.of(
        "--spring.datasource.url=" + url.replace(";AUTO_SERVER=TRUE", ""),
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password());
  }

  @Override
  public void close() throws Exception {
    if (kind == Kind.POSTGRESQL) {
      try (Connection c =
              DriverManager.getConnection(POSTGRES_SERVER + "postgres", POSTGRES_USER, "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    } else {
      deleteRecursively(h2Dir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
