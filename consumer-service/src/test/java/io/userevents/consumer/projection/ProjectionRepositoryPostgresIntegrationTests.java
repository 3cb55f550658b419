package io.userevents.consumer.projection;

import com.zaxxer.hikari.HikariDataSource;
import io.userevents.consumer.support.PostgresDatabase;

class ProjectionRepositoryPostgresIntegrationTests extends AbstractProjectionRepositoryTests {

  private PostgresDatabase database;

  @Override
  protected HikariDataSource createDataSource() {
    database = PostgresDatabase.create("ue_repo");
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
}
