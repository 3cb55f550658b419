package io.userevents.consumer.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DatabaseTimeoutsTests {

  @Test
  void setsStatementAndSocketTimeoutsOnAPostgresPool() {
    HikariDataSource pool = pool("jdbc:postgresql://db:5432/userevents");

    timeouts(
            new MockEnvironment()
                .withProperty("userevents.consumer.database.statement-timeout", "3s"))
        .postProcessBeforeInitialization(pool, "dataSource");

    assertThat(pool.getDataSourceProperties())
        .containsEntry("options", "-c statement_timeout=3000")
        .containsEntry("socketTimeout", "30");
  }

  @Test
  void setsAQueryTimeoutOnAnH2PoolAndLeavesWhatTheOperatorSetAlone() {
    HikariDataSource h2 = pool("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1");
    HikariDataSource postgres = pool("jdbc:postgresql://db/u?socketTimeout=5");
    postgres.addDataSourceProperty("options", "-c search_path=app");

    DatabaseTimeouts timeouts = timeouts(new MockEnvironment());
    timeouts.postProcessBeforeInitialization(h2, "dataSource");
    timeouts.postProcessBeforeInitialization(postgres, "dataSource");

    assertThat(h2.getDataSourceProperties()).containsEntry("QUERY_TIMEOUT", "10000");
    assertThat(postgres.getDataSourceProperties())
        .containsEntry("options", "-c search_path=app")
        .doesNotContainKey("socketTimeout");
  }

  private static DatabaseTimeouts timeouts(MockEnvironment environment) {
    DatabaseTimeouts timeouts = new DatabaseTimeouts();
    timeouts.setEnvironment(environment);
    return timeouts;
  }

  private static HikariDataSource pool(String url) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    return pool;
  }
}
