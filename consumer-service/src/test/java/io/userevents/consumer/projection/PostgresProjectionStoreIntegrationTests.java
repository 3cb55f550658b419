package io.userevents.consumer.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.userevents.consumer.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

class PostgresProjectionStoreIntegrationTests extends AbstractProjectionStoreTests {

  private PostgresDatabase database;

  @Override
  protected HikariDataSource createDataSource() {
    database = PostgresDatabase.create("ue_store");
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(database.url());
    dataSource.setUsername(database.username());
    dataSource.setPassword(database.password());
    return dataSource;
  }

  @Override
  protected void dropDatabase() {
    database.close();
  }

  @Test
  void theStoreForPostgresqlIsChosenFromTheDatabase() {
    assertThat(store()).isInstanceOf(PostgresProjectionStore.class);
  }
}
