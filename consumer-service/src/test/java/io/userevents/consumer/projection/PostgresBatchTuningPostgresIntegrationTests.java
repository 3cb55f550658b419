package io.userevents.consumer.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.userevents.consumer.support.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connection settings {@link PostgresBatchTuning} adds, as a real server reports them. */
class PostgresBatchTuningPostgresIntegrationTests {

  private static PostgresDatabase database;

  @BeforeAll
  static void createDatabase() {
    database = PostgresDatabase.create("ue_tuning");
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @Test
  void poolConnectionsPlanEveryBatchStatementForItsOwnArrays() throws SQLException {
    try (HikariDataSource pool = tuned(pool("jdbc:postgresql://127.0.0.1:5432/"))) {
      assertThat(setting(pool, "plan_cache_mode")).isEqualTo("force_custom_plan");
      assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
    }
  }

  @Test
  void optionsTheOperatorSetAreKeptBesideTheCustomPlans() throws SQLException {
    HikariDataSource untuned = pool("jdbc:postgresql://127.0.0.1:5432/");
    untuned.addDataSourceProperty("options", "-c statement_timeout=12345");
    try (HikariDataSource pool = tuned(untuned)) {
      assertThat(setting(pool, "statement_timeout")).isEqualTo("12345ms");
      assertThat(setting(pool, "plan_cache_mode")).isEqualTo("force_custom_plan");
    }
  }

  @Test
  void aPlanCacheModeTheOperatorChoseIsLeftAlone() throws SQLException {
    HikariDataSource untuned = pool("jdbc:postgresql://127.0.0.1:5432/");
    untuned.addDataSourceProperty("options", "-c plan_cache_mode=auto");
    try (HikariDataSource pool = tuned(untuned)) {
      assertThat(setting(pool, "plan_cache_mode")).isEqualTo("auto");
    }
  }

  private static HikariDataSource pool(String urlPrefix) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(urlPrefix + database.name());
    pool.setUsername(database.username());
    pool.setPassword(database.password());
    pool.setMaximumPoolSize(1);
    return pool;
  }

  private static HikariDataSource tuned(HikariDataSource pool) {
    return (HikariDataSource)
        new PostgresBatchTuning().postProcessBeforeInitialization(pool, "dataSource");
  }

  private static String setting(HikariDataSource pool, String name) throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
