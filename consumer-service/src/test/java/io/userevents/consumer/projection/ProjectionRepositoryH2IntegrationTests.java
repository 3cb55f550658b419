package io.userevents.consumer.projection;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;

class ProjectionRepositoryH2IntegrationTests extends AbstractProjectionRepositoryTests {

  @Override
  protected HikariDataSource createDataSource() {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(
        "jdbc:h2:mem:repo-"
            + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH");
    return dataSource;
  }
}
